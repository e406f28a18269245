// The ordered pool of the CLI (header only): results in submission order, exceptions of a job
// rethrown in the caller's thread rather than terminating the process in a worker.
#include <new>
#include <vector>

#include <doctest/doctest.h>

#include "cli/ordered_pool.hpp"

using pss::cli::OrderedPool;

TEST_CASE("a job that throws on a worker thread is rethrown in the caller, after earlier jobs") {
  std::vector<int> emitted;
  auto run = [&] {
    OrderedPool<int> pool(
        2,
        [](int &job, std::size_t) {
          if (job == 3) throw std::bad_alloc();
        },
        [&](int &job) {
          emitted.push_back(job);
          return true;
        });
    for (int job = 0; job < 8; ++job) pool.submit(job);
    pool.finish();
  };
  CHECK_THROWS_AS(run(), std::bad_alloc);
  CHECK(emitted == std::vector<int>{0, 1, 2});
}
