// Known answers for the numeric formats (bytes per element per the formats' definitions).
#include "catalog/Precision.h"

#include <QTest>

using serveplan::Precision;

class TestPrecision final : public QObject {
    Q_OBJECT
private slots:
    void bytesPerElement_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("bytes");
        QTest::addRow("fp32") << QStringLiteral("fp32") << 4.0;
        QTest::addRow("bf16") << QStringLiteral("bf16") << 2.0;
        QTest::addRow("fp16") << QStringLiteral("FP16") << 2.0;
        QTest::addRow("fp8") << QStringLiteral("fp8") << 1.0;
        QTest::addRow("int8") << QStringLiteral("int8") << 1.0;
        QTest::addRow("int4 packs two per byte") << QStringLiteral("int4") << 0.5;
        QTest::addRow("fp4 packs two per byte") << QStringLiteral("fp4") << 0.5;
    }
    void bytesPerElement() {
        QFETCH(QString, name);
        QFETCH(double, bytes);
        const auto p = serveplan::parsePrecision(name.toStdString());
        QVERIFY(p.has_value());
        QCOMPARE(serveplan::bytesPerElement(*p), bytes);
        QCOMPARE(QString::fromUtf8(serveplan::toString(*p).data()), name.toLower());
    }
    void rejectsUnknownNames() {
        QVERIFY(!serveplan::parsePrecision("fp12").has_value());
        QVERIFY(!serveplan::parsePrecision("").has_value());
    }
};

QTEST_APPLESS_MAIN(TestPrecision)
#include "TestPrecision.moc"
