// Declares the ABI but exports no extension point manifest.
#include "statshost/Abi.h"

STATSHOST_DECLARE_PLUGIN()
