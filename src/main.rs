//! The `bnd` binary: everything lives in the library.
//!
//! The allocator is mimalloc: the engines build and drop many small values
//! (expressions, expansions, big rationals), and the system allocator's
//! `malloc`/`free` were about a fifth of all instructions of a run.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc, asked by size alone when the alignment wanted is at most 8
/// bytes: every mimalloc block is (its sizes are whole words). Larger
/// alignments go through mimalloc's aligned functions. (`mimalloc::MiMalloc`
/// asks for every block through the aligned functions, whose checks and
/// slower paths are a measurable part of a run: docs/benchmarks.md.)
struct Mi;

/// The alignment every block from `mi_malloc` has.
const WORD: usize = 8;

// SAFETY: each method forwards to the mimalloc function with the contract
// `GlobalAlloc` asks for: a block of at least `layout.size()` bytes aligned
// to `layout.align()` (mi_malloc's blocks are 8-aligned, so it is used only
// for alignments up to 8, the aligned functions otherwise), or null; `free`
// and `realloc` of a block mimalloc returned.
unsafe impl GlobalAlloc for Mi {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if layout.align() <= WORD {
                mi::mi_malloc(layout.size()) as *mut u8
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if layout.align() <= WORD {
                mi::mi_zalloc(layout.size()) as *mut u8
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            if layout.align() <= WORD {
                mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Mi = Mi;

fn main() -> std::process::ExitCode {
    bnd::cli_main()
}
