"""The versions a cache entry and an export carry: here, free of imports, so that a cached
package can be looked up before anything heavy is imported."""

SCHEMA_VERSION = 1
PARSER_VERSION = "0.6.3"
