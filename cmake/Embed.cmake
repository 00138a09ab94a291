# registry_embed(TARGET_SOURCES_VAR NAMESPACE FUNCTION FILES...): generates a .cpp embedding the
# files (regenerated when any of them changes) and appends it to the variable.
function(registry_embed out_var namespace function)
  set(files ${ARGN})
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${function}_embedded.cpp)
  string(REPLACE ";" "|" files_arg "${files}")  # ";" would split the argument
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DFUNCTION=${function}
            "-DFILES=${files_arg}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "Embedding ${function}"
    VERBATIM)
  set(${out_var} ${${out_var}} ${output} PARENT_SCOPE)
endfunction()
