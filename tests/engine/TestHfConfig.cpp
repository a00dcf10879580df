// HfConfig: config.json files of dense (GQA), MoE and MLA+MoE models parse into ModelSpec, and the
// parameter counts match the "architecture-computed" figures cited in models.csv's source column.
#include "TestSupport.h"
#include "catalog/HfConfig.h"

#include <QTest>

using namespace serveplan;

class TestHfConfig final : public QObject {
    Q_OBJECT

private slots:
    void parameterCounts_data();
    void parameterCounts();
    void llamaFields();
    void deepSeekMlaAndMoeFields();
    void mixtralExperts();
    void errorsNameFileAndField();
    void handEnteredSpecCounts();
};

static ModelSpec readFixture(const char* name) {
    const QString path = test::testDataPath(QStringLiteral("hf/") + QLatin1String(name));
    auto spec = readHfConfigFile(path.toStdString());
    if (!spec)
        qFatal("%s", spec.error().c_str());
    return *spec;
}

void TestHfConfig::parameterCounts_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("totalB");
    QTest::addColumn<double>("activeB");
    // Figures from resources/data/models.csv, `source` column: "architecture-computed total ..., active ...".
    QTest::newRow("llama-3.1-8b GQA") << QStringLiteral("llama-3.1-8b.json") << 8.030 << 8.030;
    QTest::newRow("qwen3-30b-a3b MoE") << QStringLiteral("qwen3-30b-a3b.json") << 30.532 << 3.353;
    QTest::newRow("deepseek-r1 MLA+MoE") << QStringLiteral("deepseek-r1.json") << 671.026 << 37.552;
    QTest::newRow("mixtral-8x7b MoE") << QStringLiteral("mixtral-8x7b.json") << 46.703 << 12.880;
}

void TestHfConfig::parameterCounts() {
    QFETCH(QString, file);
    QFETCH(double, totalB);
    QFETCH(double, activeB);
    const ModelSpec spec = readFixture(file.toUtf8().constData());
    QVERIFY2(std::abs(spec.paramsB / totalB - 1) < 0.01, qPrintable(QString::number(spec.paramsB, 'f', 4)));
    QVERIFY2(std::abs(spec.activeParamsB / activeB - 1) < 0.01,
             qPrintable(QString::number(spec.activeParamsB, 'f', 4)));
    // These counts are exact architecture sums, so they should agree far closer than the 1% bound.
    QVERIFY2(std::abs(spec.paramsB - totalB) < 0.002 * totalB, qPrintable(QString::number(spec.paramsB, 'f', 4)));
}

void TestHfConfig::llamaFields() {
    const ModelSpec s = readFixture("llama-3.1-8b.json");
    QCOMPARE(s.architecture, std::string("LlamaForCausalLM"));
    QCOMPARE(s.numLayers, 32);
    QCOMPARE(s.hiddenSize, 4096);
    QCOMPARE(s.intermediateSize, 14336);
    QCOMPARE(s.numAttentionHeads, 32);
    QCOMPARE(s.numKvHeads, 8);
    QCOMPARE(s.headDim, 128); // absent from the file: hidden_size / num_attention_heads
    QCOMPARE(s.vocabSize, 128256);
    QCOMPARE(s.maxPositionEmbeddings, 131072);
    QCOMPARE(s.attention, AttentionType::GQA);
    QCOMPARE(s.nativeDtype, std::string("bfloat16"));
    QVERIFY(!s.isMoe());
    QVERIFY(s.userEntered);
}

void TestHfConfig::deepSeekMlaAndMoeFields() {
    const ModelSpec s = readFixture("deepseek-r1.json");
    // models.csv row deepseek-r1: MLA 512/1536/64/128/128, head_dim 192, 256 experts top-8, 1 shared, 3 dense.
    QCOMPARE(s.attention, AttentionType::MLA);
    QCOMPARE(s.kvLoraRank, 512);
    QCOMPARE(s.qLoraRank, 1536);
    QCOMPARE(s.qkRopeHeadDim, 64);
    QCOMPARE(s.qkNopeHeadDim, 128);
    QCOMPARE(s.vHeadDim, 128);
    QCOMPARE(s.headDim, 192);
    QCOMPARE(s.numKvHeads, 128);
    QCOMPARE(s.numExperts, 256);
    QCOMPARE(s.numExpertsPerTok, 8);
    QCOMPARE(s.numSharedExperts, 1);
    QCOMPARE(s.moeIntermediateSize, 2048);
    QCOMPARE(s.firstKDenseLayers, 3);
}

void TestHfConfig::mixtralExperts() {
    const ModelSpec s = readFixture("mixtral-8x7b.json");
    QCOMPARE(s.numExperts, 8); // num_local_experts
    QCOMPARE(s.numExpertsPerTok, 2);
    QCOMPARE(s.moeIntermediateSize, 14336); // Mixtral's experts are intermediate_size wide
    QCOMPARE(s.firstKDenseLayers, 0);
}

void TestHfConfig::errorsNameFileAndField() {
    const QString path = test::testDataPath(QStringLiteral("hf/broken-missing-layers.json"));
    auto missing = readHfConfigFile(path.toStdString());
    QVERIFY(!missing);
    QVERIFY2(QString::fromStdString(missing.error()).contains(QStringLiteral("broken-missing-layers.json")),
             missing.error().c_str());
    QVERIFY2(QString::fromStdString(missing.error()).contains(QStringLiteral("num_hidden_layers")),
             missing.error().c_str());

    auto notJson = parseHfConfig("{\"hidden_size\": 4096,", "cut.json");
    QVERIFY(!notJson);
    QVERIFY(QString::fromStdString(notJson.error()).startsWith(QStringLiteral("cut.json: not valid JSON")));

    auto wrongType = parseHfConfig(R"({"num_hidden_layers": "32"})", "typed.json");
    QVERIFY(!wrongType);
    QVERIFY2(
        QString::fromStdString(wrongType.error()).contains(QStringLiteral("num_hidden_layers: expected an integer")),
        wrongType.error().c_str());

    QVERIFY(!readHfConfigFile("/nonexistent/config.json"));
}

void TestHfConfig::handEnteredSpecCounts() {
    // A dense MHA model entered by hand: GPT-2-small-like shape without biases or position embeddings.
    // 12 layers x (4*768^2 attention + 3*768*3072 MLP + 2*768 norms) + 50257*768 tied + 768 final norm.
    ModelSpec s;
    s.numLayers = 12;
    s.hiddenSize = 768;
    s.intermediateSize = 3072;
    s.numAttentionHeads = 12;
    s.numKvHeads = 12;
    s.headDim = 64;
    s.vocabSize = 50257;
    s.tieEmbeddings = true;
    s.attention = AttentionType::MHA;
    const double expected = 12.0 * (4.0 * 768 * 768 + 3.0 * 768 * 3072 + 2 * 768) + 50257.0 * 768 + 768;
    const ParameterCount c = countParameters(s);
    QCOMPARE(c.total, expected);
    QCOMPARE(c.active, expected);
}

QTEST_APPLESS_MAIN(TestHfConfig)
#include "TestHfConfig.moc"
