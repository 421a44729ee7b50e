#pragma once
/// The plugin ABI version and the symbol every statshost plugin exports.
///
/// The host opens a plugin file, looks up `statshost_abi_version` and compares the value with
/// its own kAbiVersion before it creates any class from the plugin. Bump kAbiVersion whenever
/// a header in include/statshost/ changes a class layout, a virtual function or a signature.

namespace statshost {
constexpr int kAbiVersion = 6;
}

#define STATSHOST_PLUGIN_API extern "C" __attribute__((visibility("default")))

/// Put once in exactly one translation unit of every plugin.
#define STATSHOST_DECLARE_PLUGIN() \
    STATSHOST_PLUGIN_API int statshost_abi_version() { return statshost::kAbiVersion; }

/// Extension points are exported with Poco named manifests, one per extension point:
///   POCO_BEGIN_NAMED_MANIFEST(Aggregator, statshost::Aggregator) ... POCO_END_MANIFEST
/// (Poco marks the manifest functions with default visibility.)
