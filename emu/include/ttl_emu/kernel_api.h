// The whole TT-Metal kernel API as the ttl-export emulator provides it: every area at once, for
// the emulator's own tests and benchmarks. Kernels never include this: each mirrored tt-metal
// header (generated from emu/headers.manifest) exposes only its own areas, so a missing include
// fails here as it does on the device.
//
// Pinned semantics (tt-metal versions differ; see docs/emulate.md): an interleaved
// TensorAccessorArgs takes one compile-time arg; copy_dest_values(dst, src) takes the
// destination first; pack_tile<false> packs to consecutive slots and ignores its index.
#pragma once

#include "ttl_emu/area/accessors.h"
#include "ttl_emu/area/args.h"
#include "ttl_emu/area/base.h"
#include "ttl_emu/area/cb.h"
#include "ttl_emu/area/cb_object.h"
#include "ttl_emu/area/compute_bcast.h"
#include "ttl_emu/area/compute_binary.h"
#include "ttl_emu/area/compute_common.h"
#include "ttl_emu/area/compute_copy.h"
#include "ttl_emu/area/compute_enums.h"
#include "ttl_emu/area/compute_int_sfpu.h"
#include "ttl_emu/area/compute_matmul.h"
#include "ttl_emu/area/compute_pack_untilize.h"
#include "ttl_emu/area/compute_reduce.h"
#include "ttl_emu/area/compute_sfpu_binary.h"
#include "ttl_emu/area/compute_transpose.h"
#include "ttl_emu/area/compute_unary.h"
#include "ttl_emu/area/dprint.h"
#include "ttl_emu/area/l1.h"
#include "ttl_emu/area/noc.h"
#include "ttl_emu/area/noc_object.h"
#include "ttl_emu/area/semaphores.h"
