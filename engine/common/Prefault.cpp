#include "common/Prefault.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace serveplan {

void prefaultForWriting(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    constexpr std::uintptr_t kPage = 4096; // madvise wants a page-aligned start; larger pages are multiples
    const auto begin = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (begin + kPage - 1) & ~(kPage - 1);
    const std::uintptr_t end = (begin + bytes) & ~(kPage - 1);
    if (end > first) // a failure (EINVAL before Linux 5.14, ENOMEM) leaves the pages to fault in as usual
        (void)madvise(reinterpret_cast<void*>(first), end - first, MADV_POPULATE_WRITE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace serveplan
