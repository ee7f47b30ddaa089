# Build the de_DE.UTF-8 locale (',' as decimal point) into OUT for the
# unit_locale test. Best effort: without localedef or the locale sources the
# test finds no such locale and reports itself skipped.
# Usage: cmake -DLOCALEDEF=/usr/bin/localedef -DOUT=dir -P make_locale.cmake
if(NOT LOCALEDEF OR EXISTS "${OUT}/de_DE.UTF-8/LC_NUMERIC")
  return()
endif()
file(MAKE_DIRECTORY "${OUT}")
execute_process(COMMAND "${LOCALEDEF}" -i de_DE -f UTF-8 -c "${OUT}/de_DE.UTF-8"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT EXISTS "${OUT}/de_DE.UTF-8/LC_NUMERIC")
  message(STATUS "localedef could not build de_DE.UTF-8 (${rc}); "
                 "unit_locale will be skipped")
endif()
