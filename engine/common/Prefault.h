#pragma once
// Asks the operating system to back a freshly reserved buffer with memory now, in one call,
// instead of one page fault per 4 KiB page as it is first written.
#include <cstddef>

namespace serveplan {

/// Prefaults the whole pages inside [data, data + bytes) for writing (Linux: MADV_POPULATE_WRITE).
/// Only a hint: where the call is not available or fails (older kernels, other systems), the pages
/// are faulted in as they are written, as without it. The buffer must be writable memory.
void prefaultForWriting(void* data, std::size_t bytes);

} // namespace serveplan
