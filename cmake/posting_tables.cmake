# Code lists compiled into the library: grammars/carc.csv and
# grammars/rarc.csv (CARC and RARC short descriptions, paraphrased), so the
# validator (schema::ExternalCodeList::builtin_carc) and the poster need no
# files on disk. Also links SQLite, which the embedded ledger
# uses (billing/ledger.hpp).
include(${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)
x12_embed_files(
  NAME posting NAMESPACE x12::schema::detail FUNCTION embedded_code_list_file
  COMMENT "Embedding the CARC and RARC lists into the x12 library"
  FILES ${PROJECT_SOURCE_DIR}/grammars/carc.csv ${PROJECT_SOURCE_DIR}/grammars/rarc.csv)

find_package(SQLite3 REQUIRED)
target_link_libraries(x12 PRIVATE SQLite::SQLite3)
