# Billing data compiled into the library: grammars/coding-rules.json and the
# project's behavioral-health ICD-10-CM table (CMS order-file layout), so the
# claim builder needs no files on disk.
include(${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)
x12_embed_files(
  NAME billing NAMESPACE x12::billing::detail FUNCTION embedded_billing_file
  COMMENT "Embedding billing rules and the ICD-10-CM table into the x12 library"
  FILES ${PROJECT_SOURCE_DIR}/grammars/coding-rules.json
        ${PROJECT_SOURCE_DIR}/grammars/coverage-policy.json
        ${PROJECT_SOURCE_DIR}/grammars/icd10cm-behavioral-health.txt)
