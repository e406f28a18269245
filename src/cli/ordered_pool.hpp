// Jobs run on worker threads; their results come back in submission order, with a bounded number
// in flight, so that output and exit code are exactly those of one thread, in bounded memory.
// An exception escaping a job on a worker thread (which would call std::terminate there) is
// rethrown in the caller's thread, where the command's handler turns it into a message.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace pss::cli {

template <typename Job> class OrderedPool {
public:
  using Work = std::function<void(Job &job, std::size_t worker)>;
  using Emit = std::function<bool(Job &job)>; // false: stop, the output is gone

  // With one thread, jobs run in the caller's thread as they are submitted.
  OrderedPool(std::size_t threads, Work work, Emit emit)
      : work_(std::move(work)), emit_(std::move(emit)), window_(2 * threads + 2) {
    if (threads > 1) {
      for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this, i] { serve(i); });
    }
  }

  OrderedPool(const OrderedPool &) = delete;
  OrderedPool &operator=(const OrderedPool &) = delete;

  ~OrderedPool() {
    unwinding_ = true;
    finish();
  }

  // Queues a job, emitting finished ones meanwhile. False once emitting has stopped.
  bool submit(Job job) {
    if (stopped_) return false;
    if (workers_.empty()) {
      work_(job, 0);
      stopped_ = !emit_(job);
      return !stopped_;
    }
    std::unique_lock lock(mutex_);
    queue_.push_back(std::make_unique<Slot>(Slot{std::move(job), false, nullptr}));
    work_ready_.notify_one();
    drain(lock, window_);
    return !stopped_;
  }

  // Waits until every job submitted so far is emitted.
  void flush() {
    if (workers_.empty()) return;
    std::unique_lock lock(mutex_);
    drain(lock, 1);
  }

  // Waits for every job and emits the rest; stops the workers.
  void finish() {
    if (workers_.empty()) return;
    {
      std::unique_lock lock(mutex_);
      drain(lock, 1);
      closing_ = true;
      work_ready_.notify_all();
    }
    for (auto &worker : workers_) worker.join();
    workers_.clear();
  }

private:
  struct Slot {
    Job job;
    bool done;
    std::exception_ptr failure; // what the job threw, rethrown when its turn to be emitted comes
  };

  Work work_;
  Emit emit_;
  std::size_t window_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable job_done_;
  std::deque<std::unique_ptr<Slot>> queue_; // submitted, not yet emitted, in order
  std::size_t started_ = 0;                 // jobs of queue_ handed to a worker
  bool closing_ = false;
  std::atomic<bool> stopped_ = false; // read by workers to skip work nobody will see
  bool unwinding_ = false;            // in the destructor: nothing may be thrown

  // Emits finished jobs from the front until fewer than `limit` remain in flight.
  void drain(std::unique_lock<std::mutex> &lock, std::size_t limit) {
    while (!queue_.empty()) {
      if (!queue_.front()->done) {
        if (queue_.size() < limit) return;
        job_done_.wait(lock);
        continue;
      }
      std::unique_ptr<Slot> slot = std::move(queue_.front());
      queue_.pop_front();
      --started_;
      if (slot->failure) {
        stopped_ = true; // what follows is skipped: the command ends with the message
        if (!unwinding_) std::rethrow_exception(slot->failure);
        continue;
      }
      lock.unlock();
      if (!stopped_) stopped_ = !emit_(slot->job);
      lock.lock();
    }
  }

  void serve(std::size_t worker) {
    std::unique_lock lock(mutex_);
    while (true) {
      work_ready_.wait(lock, [&] { return closing_ || started_ < queue_.size(); });
      if (started_ >= queue_.size()) return; // closing, nothing left
      Slot &slot = *queue_[started_++];
      lock.unlock();
      std::exception_ptr failure;
      try {
        if (!stopped_) work_(slot.job, worker);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      slot.failure = failure;
      slot.done = true;
      job_done_.notify_all();
    }
  }
};

} // namespace pss::cli
