// The help texts of serveplan-cli (`--help` and `help COMMAND`) byte for byte as tests/data/cli-help
// keeps them (taken from the binary before the commands shared one argument parser), and every
// option of every command's table documented in that command's usage text.
#include "CliCommand.h"
#include "CliInProcess.h"
#include "TestSupport.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliHelp final : public QObject {
    Q_OBJECT

    static QString expected(const QString& name) {
        QFile file(serveplan::test::testDataPath(u"cli-help/"_s + name + u".txt"_s));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : u"(missing "_s + name + u')';
    }

private slots:
    void globalHelp() {
        const auto r = serveplan::test::runCli({u"--help"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, expected(u"serveplan-cli"_s));
        QVERIFY(r.err.isEmpty());
    }

    void commandHelp_data() {
        QTest::addColumn<QString>("command");
        for (const serveplan::cli::CommandInfo* c : serveplan::cli::commands())
            QTest::newRow(c->name) << QString::fromLatin1(c->name);
    }
    void commandHelp() {
        QFETCH(QString, command);
        const auto r = serveplan::test::runCli({u"help"_s, command});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, expected(command));
        // COMMAND --help says the same.
        QCOMPARE(serveplan::test::runCli({command, u"--help"_s}).out, r.out);
    }

    void everyOptionIsDocumented() {
        for (const serveplan::cli::CommandInfo* c : serveplan::cli::commands()) {
            const QString usage = QString::fromUtf8(c->usage);
            for (const serveplan::cli::OptionTable* table : c->tables)
                for (const serveplan::cli::OptionSpec& option : table->options)
                    QVERIFY2(usage.contains(QLatin1String(option.name)),
                             qPrintable(u"help %1 does not mention %2"_s.arg(QLatin1String(c->name),
                                                                             QLatin1String(option.name))));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "TestCliHelp.moc"
