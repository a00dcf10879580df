#include "common/Prefault.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace serveplan {

void prefaultForWriting(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    constexpr std::size_t kPage = 4096; // madvise wants a page-aligned start; larger pages are multiples
    auto* begin = static_cast<char*>(data);
    const std::size_t skip = (kPage - reinterpret_cast<std::uintptr_t>(begin) % kPage) % kPage;
    if (!begin || bytes <= skip)
        return;
    const std::size_t whole = (bytes - skip) / kPage * kPage;
    if (whole > 0) // a failure (EINVAL before Linux 5.14, ENOMEM) leaves the pages to fault in as usual
        (void)madvise(begin + skip, whole, MADV_POPULATE_WRITE);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace serveplan
