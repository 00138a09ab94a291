# The Debian package (issue 18; docs/operations.md "Installing the package"):
#   cmake --build build && (cd build && cpack -G DEB)   ->  build/registry_<version>_<arch>.deb
# installable with `apt install ./registry_*.deb`. It holds the two programs, the systemd unit,
# the default configuration and the logrotate stanza (both conffiles), and the docs; postinst
# makes the service's user and directories (packaging/). Library dependencies are read from the
# binaries by dpkg-shlibdeps.
install(TARGETS registryd registryctl RUNTIME DESTINATION bin)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/registryd.service DESTINATION lib/systemd/system)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/registry.properties DESTINATION /etc/registry)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/logrotate DESTINATION /etc/logrotate.d RENAME registry)
file(GLOB REGISTRY_DOCS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${REGISTRY_DOCS} DESTINATION share/doc/registry)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME registry)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "e-government bureau registry team <registry@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "procurement registry: vendor qualifications, market access, catalog and tenders")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # registry_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# postinst uses adduser; mariadb-client gives registryctl backup/restore of a MySQL registry
# their mariadb-dump and mariadb.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "logrotate, mariadb-client")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/packaging/conffiles
  ${PROJECT_SOURCE_DIR}/packaging/postinst
  ${PROJECT_SOURCE_DIR}/packaging/prerm
  ${PROJECT_SOURCE_DIR}/packaging/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
