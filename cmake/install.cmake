# Installs the library, its headers and a CMake package: find_package(x12) gives x12::x12.
include(CMakePackageConfigHelpers)

install(TARGETS x12 EXPORT x12Targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/x12 DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT x12Targets NAMESPACE x12:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/x12)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/x12Config.cmake.in
  ${PROJECT_BINARY_DIR}/x12Config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/x12)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/x12ConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/x12Config.cmake ${PROJECT_BINARY_DIR}/x12ConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/x12)

# A build-tree export, so a project can use x12 straight from this build directory.
export(EXPORT x12Targets NAMESPACE x12:: FILE ${PROJECT_BINARY_DIR}/x12Targets.cmake)
