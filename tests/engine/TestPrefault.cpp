// prefaultForWriting (common/Prefault): the planner's row storage is backed by memory in one call
// instead of one page fault per page. Checked with mincore(2), which reports which pages of a
// mapping are resident.
#include "common/Prefault.h"

#include <QTest>

#include <algorithm>
#include <cstring>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

using namespace serveplan;

class TestPrefault final : public QObject {
    Q_OBJECT

private slots:
    void backsWholePagesOfAFreshMapping();
    void keepsWhatIsAlreadyWritten();
    void ignoresBuffersWithoutAWholePage();
};

#if defined(__linux__)
namespace {

struct Mapping {
    std::size_t pageSize = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    std::size_t pages;
    char* data;
    explicit Mapping(std::size_t n)
        : pages(n)
        , data(static_cast<char*>(
              mmap(nullptr, n * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))) {}
    ~Mapping() { munmap(data, pages * pageSize); }
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    bool valid() const { return data != MAP_FAILED; }
    /// How many of the mapping's pages are resident.
    int resident() const {
        std::vector<unsigned char> in(pages);
        if (mincore(data, pages * pageSize, in.data()) != 0)
            return -1;
        int n = 0;
        for (unsigned char c : in)
            n += c & 1;
        return n;
    }
};

/// MADV_POPULATE_WRITE came with Linux 5.14; on an older kernel the call is a no-op by design.
bool kernelPopulates() {
    Mapping probe(1);
    return probe.valid() && madvise(probe.data, probe.pageSize, MADV_POPULATE_WRITE) == 0;
}

} // namespace

void TestPrefault::backsWholePagesOfAFreshMapping() {
    if (!kernelPopulates())
        QSKIP("this kernel has no MADV_POPULATE_WRITE (Linux < 5.14): prefaulting is a no-op here");
    Mapping m(64);
    QVERIFY(m.valid());
    QCOMPARE(m.resident(), 0); // an untouched anonymous mapping has no pages yet
    // From the middle of page 1 to the middle of page 60: the whole pages inside are 2..59.
    prefaultForWriting(m.data + m.pageSize + 100, 59 * m.pageSize);
    QCOMPARE(m.resident(), 58);
}

void TestPrefault::keepsWhatIsAlreadyWritten() {
    Mapping m(8);
    QVERIFY(m.valid());
    for (std::size_t i = 0; i < 8 * m.pageSize; i += 97)
        m.data[i] = static_cast<char>(i % 251);
    prefaultForWriting(m.data, 8 * m.pageSize);
    for (std::size_t i = 0; i < 8 * m.pageSize; ++i)
        QCOMPARE(m.data[i], i % 97 == 0 ? static_cast<char>(i % 251) : char(0));
}

void TestPrefault::ignoresBuffersWithoutAWholePage() {
    Mapping m(4);
    QVERIFY(m.valid());
    prefaultForWriting(m.data + 10, m.pageSize - 20); // inside page 0, no whole page
    prefaultForWriting(m.data + m.pageSize - 8, 16);  // across the border of pages 0 and 1
    prefaultForWriting(m.data, 0);
    prefaultForWriting(nullptr, 0);
    QCOMPARE(m.resident(), 0);
}
#else
void TestPrefault::backsWholePagesOfAFreshMapping() {
    QSKIP("prefaulting is Linux-only; elsewhere it is a no-op");
}
void TestPrefault::keepsWhatIsAlreadyWritten() {
    std::vector<char> v(100000, 'x');
    prefaultForWriting(v.data(), v.size());
    QVERIFY(std::all_of(v.begin(), v.end(), [](char c) { return c == 'x'; }));
}
void TestPrefault::ignoresBuffersWithoutAWholePage() {
    prefaultForWriting(nullptr, 0);
}
#endif

QTEST_APPLESS_MAIN(TestPrefault)
#include "TestPrefault.moc"
