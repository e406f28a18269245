# Writes the shell completion scripts from the built program: cmake -DPSS=<pss-inspect>
# -DOUT=<folder> -P completions.cmake. They list exactly the commands and options it has.
foreach(shell bash zsh fish)
  if(shell STREQUAL "zsh")
    set(name _pss-inspect)
  else()
    set(name pss-inspect.${shell})
  endif()
  execute_process(COMMAND ${PSS} completions ${shell} OUTPUT_FILE ${OUT}/${name}
                  RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${PSS} completions ${shell} failed: ${result}")
  endif()
endforeach()
