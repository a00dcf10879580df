<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Charts</name>
    <message>
        <source>Autoscaling over the traffic profile</source>
        <translation>按流量曲线自动扩缩容</translation>
    </message>
    <message>
        <source>Cost per hour (%1)</source>
        <translation>每小时成本（%1）</translation>
    </message>
    <message>
        <source>Ready replicas</source>
        <translation>就绪副本数</translation>
    </message>
    <message>
        <source>Fixed fleet for the peak, cost per hour</source>
        <translation>按峰值固定配置的每小时成本</translation>
    </message>
    <message>
        <source>Hour of the week</source>
        <translation>一周中的小时</translation>
    </message>
    <message>
        <source>Hour of the day</source>
        <translation>一天中的小时</translation>
    </message>
    <message>
        <source>Monthly cost versus peak load</source>
        <translation>月成本与峰值负载</translation>
    </message>
    <message>
        <source>Cheapest at each load</source>
        <translation>各负载下的最低成本</translation>
    </message>
    <message>
        <source>target %1 req/s</source>
        <translation>目标 %1 请求/秒</translation>
    </message>
    <message>
        <source>Peak load (requests/s)</source>
        <translation>峰值负载（请求/秒）</translation>
    </message>
    <message>
        <source>Monthly cost (%1%2)</source>
        <translation>月成本（%1%2）</translation>
    </message>
    <message>
        <source>uncertainty band</source>
        <translation>不确定区间</translation>
    </message>
    <message>
        <source>Latency versus load (one replica)</source>
        <translation>延迟与负载（单副本）</translation>
    </message>
    <message>
        <source>TTFT %1</source>
        <translation>首词延迟 %1</translation>
    </message>
    <message>
        <source>TPOT %1</source>
        <translation>每词延迟 %1</translation>
    </message>
    <message>
        <source>capacity at SLO %1 req/s</source>
        <translation>满足 SLO 的容量 %1 请求/秒</translation>
    </message>
    <message>
        <source>SLO %1 ms</source>
        <translation>SLO %1 毫秒</translation>
    </message>
    <message>
        <source>TTFT (ms)</source>
        <translation>首词延迟（毫秒）</translation>
    </message>
    <message>
        <source>TPOT (ms)</source>
        <translation>每词延迟（毫秒）</translation>
    </message>
    <message>
        <source>Arrival rate per replica (requests/s)</source>
        <translation>单副本到达率（请求/秒）</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>Runtime overhead</source>
        <translation>运行时开销</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>Unused (engine reserve)</source>
        <translation>未使用（引擎预留）</translation>
    </message>
    <message>
        <source>Memory per GPU</source>
        <translation>单 GPU 显存</translation>
    </message>
    <message>
        <source>Memory per GPU: %1</source>
        <translation>单 GPU 显存：%1</translation>
    </message>
    <message>
        <source>GPU memory %1</source>
        <translation>GPU 显存 %1</translation>
    </message>
    <message>
        <source>usable %1</source>
        <translation>可用 %1</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>显存（GB）</translation>
    </message>
    <message>
        <source>Throughput versus batch size (one replica)</source>
        <translation>吞吐量与批大小（单副本）</translation>
    </message>
    <message>
        <source>Output tokens/s</source>
        <translation>输出词元/秒</translation>
    </message>
    <message>
        <source>batch at planned load %1</source>
        <translation>规划负载下的批大小 %1</translation>
    </message>
    <message>
        <source>Concurrent sequences (batch size)</source>
        <translation>并发序列数（批大小）</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>LLM deployment cost report</source>
        <translation>大语言模型部署成本报告</translation>
    </message>
    <message>
        <source>TTFT %1 ≤ %2</source>
        <translation>首词延迟 %1 ≤ %2</translation>
    </message>
    <message>
        <source>TPOT %1 ≤ %2</source>
        <translation>每词延迟 %1 ≤ %2</translation>
    </message>
    <message>
        <source>no latency targets</source>
        <translation>无延迟目标</translation>
    </message>
    <message>
        <source>No latency targets were set</source>
        <translation>未设置延迟目标</translation>
    </message>
    <message>
        <source>TTFT %1 %2 ≤ %3</source>
        <translation>首词延迟 %1 %2 ≤ %3</translation>
    </message>
    <message>
        <source>TPOT %1 %2 ≤ %3</source>
        <translation>每词延迟 %1 %2 ≤ %3</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <source>uniform %1–%2 tokens</source>
        <translation>均匀分布 %1–%2 个词元</translation>
    </message>
    <message>
        <source>normal, mean %1, sd %2 tokens</source>
        <translation>正态分布，均值 %1，标准差 %2 个词元</translation>
    </message>
    <message>
        <source>log-normal, mean %1, sd %2 tokens</source>
        <translation>对数正态分布，均值 %1，标准差 %2 个词元</translation>
    </message>
    <message>
        <source>exponential, mean %1 tokens</source>
        <translation>指数分布，均值 %1 个词元</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>执行摘要</translation>
    </message>
    <message>
        <source>The question: the cheapest deployment that serves a peak of %1 (prompts of %2, answers of %3) with %4, priced %5 in %6.</source>
        <translation>问题：以最低成本承载 %1 的峰值负载（提示 %2，回答 %3），满足 %4，按%5计价，币种 %6。</translation>
    </message>
    <message>
        <source>No plan meets the latency targets within this scenario&apos;s limits. The excluded plans and their reasons are listed at the end of this report.</source>
        <translation>在本场景的限制内，没有方案能满足延迟目标。被排除的方案及原因列在报告末尾。</translation>
    </message>
    <message>
        <source>Recommended: %1 on %2 (%3), %4 replicas on %5 instances, for %6 per month, %7 per million output tokens.</source>
        <translation>推荐方案：%1 部署在 %2（%3），%4 个副本、%5 台实例，每月 %6，每百万输出词元 %7。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>GPUs per instance</source>
        <translation>每实例 GPU</translation>
    </message>
    <message>
        <source>Precision, engine, parallelism</source>
        <translation>精度、引擎、并行方式</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本数</translation>
    </message>
    <message>
        <source>%1 (on %2 instances)</source>
        <translation>%1（共 %2 台实例）</translation>
    </message>
    <message>
        <source>Capacity per replica at the SLO</source>
        <translation>满足 SLO 时的单副本容量</translation>
    </message>
    <message>
        <source>Peak load after the response cache</source>
        <translation>经响应缓存后的峰值负载</translation>
    </message>
    <message>
        <source>%1, utilisation %2</source>
        <translation>%1，利用率 %2</translation>
    </message>
    <message>
        <source>Monthly cost</source>
        <translation>月成本</translation>
    </message>
    <message>
        <source>Hourly cost</source>
        <translation>小时成本</translation>
    </message>
    <message>
        <source>Cost per million output tokens</source>
        <translation>每百万输出词元成本</translation>
    </message>
    <message>
        <source>Cost per million input tokens</source>
        <translation>每百万输入词元成本</translation>
    </message>
    <message>
        <source>TTFT %1 (uncertainty band)</source>
        <translation>首词延迟 %1（不确定区间）</translation>
    </message>
    <message>
        <source>TPOT %1 (uncertainty band)</source>
        <translation>每词延迟 %1（不确定区间）</translation>
    </message>
    <message>
        <source>SLOs met</source>
        <translation>是否满足 SLO</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>The recommendation saves</source>
        <translation>推荐方案节省</translation>
    </message>
    <message>
        <source>Runner-ups</source>
        <translation>备选方案</translation>
    </message>
    <message>
        <source>Assumptions</source>
        <translation>假设条件</translation>
    </message>
    <message>
        <source>flat (the peak all day)</source>
        <translation>平稳（全天峰值）</translation>
    </message>
    <message>
        <source>diurnal (day and night)</source>
        <translation>昼夜波动</translation>
    </message>
    <message>
        <source>business hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>spiky</source>
        <translation>突发尖峰</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>, %1 hourly values, lowest %2 and highest %3 of the peak</source>
        <translation>，%1 个小时值，最低为峰值的 %2，最高为 %3</translation>
    </message>
    <message>
        <source>no conversion needed</source>
        <translation>无需换算</translation>
    </message>
    <message>
        <source> (newest rates)</source>
        <translation>（最新汇率）</translation>
    </message>
    <message>
        <source> (rates on or before %1)</source>
        <translation>（%1 当日或之前的汇率）</translation>
    </message>
    <message>
        <source>No local probe calibration; datasheet peak rates with the serving-engine profiles.</source>
        <translation>未使用本地探测校准；采用规格书峰值性能与推理引擎配置。</translation>
    </message>
    <message>
        <source>No local probe calibration. The %1 profile is fitted on %2 published measurements (reference_calibration.csv).</source>
        <translation>未使用本地探测校准。%1 的配置基于 %2 条公开测量数据拟合（reference_calibration.csv）。</translation>
    </message>
    <message>
        <source>No local probe calibration. %1 has no published measurements: the generic engine profile is used.</source>
        <translation>未使用本地探测校准。%1 没有公开测量数据，使用通用引擎配置。</translation>
    </message>
    <message>
        <source>Models considered</source>
        <translation>参与比较的模型</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>prompt %1; output %2</source>
        <translation>提示 %1；输出 %2</translation>
    </message>
    <message>
        <source>Peak load</source>
        <translation>峰值负载</translation>
    </message>
    <message>
        <source>Latency targets (SLOs)</source>
        <translation>延迟目标（SLO）</translation>
    </message>
    <message>
        <source>Response-cache hit rate</source>
        <translation>响应缓存命中率</translation>
    </message>
    <message>
        <source>Capacity method</source>
        <translation>容量计算方法</translation>
    </message>
    <message>
        <source>analytic (closed form)</source>
        <translation>解析法（闭式解）</translation>
    </message>
    <message>
        <source>simulated (continuous-batching simulator)</source>
        <translation>仿真法（连续批处理仿真）</translation>
    </message>
    <message>
        <source>Pricing plan</source>
        <translation>计费方式</translation>
    </message>
    <message>
        <source>Currency and exchange rates</source>
        <translation>币种与汇率</translation>
    </message>
    <message>
        <source>Hours per month</source>
        <translation>每月小时数</translation>
    </message>
    <message>
        <source>Monthly budget</source>
        <translation>月度预算</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Instance cap</source>
        <translation>实例数上限</translation>
    </message>
    <message>
        <source>Traffic profile</source>
        <translation>流量曲线</translation>
    </message>
    <message>
        <source>Autoscaling</source>
        <translation>自动扩缩容</translation>
    </message>
    <message>
        <source>on: target utilisation %1, %2 replicas, scale-up delay %3 min, scale-down delay %4 min</source>
        <translation>开启：目标利用率 %1，%2 个副本，扩容延迟 %3 分钟，缩容延迟 %4 分钟</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1 个及以上</translation>
    </message>
    <message>
        <source>off (fixed fleet sized for the peak)</source>
        <translation>关闭（按峰值固定配置）</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>Candidates evaluated</source>
        <translation>评估的候选方案数</translation>
    </message>
    <message>
        <source>Planner note</source>
        <translation>规划器提示</translation>
    </message>
    <message>
        <source>Cost versus load</source>
        <translation>成本与负载</translation>
    </message>
    <message>
        <source>Each step curve is one plan: the monthly cost of the whole replicas a peak load needs. Coloured curves lie on the cost/capacity Pareto frontier, grey ones are beaten on both. The dotted line follows the cheapest plan at each load; the dashed red line marks the target peak.</source>
        <translation>每条阶梯曲线代表一个方案：承载某一峰值负载所需整数个副本的月成本。彩色曲线位于成本/容量帕累托前沿，灰色曲线在两方面都被超越。点线表示各负载下最便宜的方案；红色虚线标出目标峰值。</translation>
    </message>
    <message>
        <source>Peak load from</source>
        <translation>峰值负载起点</translation>
    </message>
    <message>
        <source>to</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Cheapest plan</source>
        <translation>最便宜的方案</translation>
    </message>
    <message>
        <source>Cheapest plan at each load</source>
        <translation>各负载下最便宜的方案</translation>
    </message>
    <message>
        <source>Top plans</source>
        <translation>最佳方案</translation>
    </message>
    <message>
        <source>The %1 cheapest plans that meet the latency targets, ranked by monthly cost. TTFT and TPOT are the %2/%3 latencies of one replica at its SLO capacity.</source>
        <translation>满足延迟目标的前 %1 个最便宜方案，按月成本排序。首词延迟和每词延迟为单副本在 SLO 容量下的 %2/%3 延迟。</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Model and instance</source>
        <translation>模型与实例</translation>
    </message>
    <message>
        <source>GPUs and layout</source>
        <translation>GPU 与布局</translation>
    </message>
    <message>
        <source>Per M output tokens</source>
        <translation>每百万输出词元</translation>
    </message>
    <message>
        <source>TTFT</source>
        <translation>首词延迟</translation>
    </message>
    <message>
        <source>TPOT</source>
        <translation>每词延迟</translation>
    </message>
    <message>
        <source>No plan meets the latency targets.</source>
        <translation>没有方案满足延迟目标。</translation>
    </message>
    <message>
        <source>The recommended plan in detail</source>
        <translation>推荐方案详情</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <source>Each GPU holds %1 of weights, %2 of activations and %3 of runtime overhead; %4 remain for the KV cache, room for %5 tokens of context (%6 per token for the whole model).</source>
        <translation>每块 GPU 存放 %1 权重、%2 激活值和 %3 运行时开销；剩余 %4 用于 KV 缓存，可容纳 %5 个上下文词元（整个模型每词元 %6）。</translation>
    </message>
    <message>
        <source>Latency versus load</source>
        <translation>延迟与负载</translation>
    </message>
    <message>
        <source>How one replica&apos;s latencies grow with the requests sent to it. The planner sizes the fleet so that each replica stays left of the capacity line, where both latencies meet their targets.</source>
        <translation>单副本延迟随请求量增长的情况。规划器确定集群规模，使每个副本都位于容量线左侧，即两项延迟均满足目标的区域。</translation>
    </message>
    <message>
        <source>Throughput versus batch size</source>
        <translation>吞吐量与批大小</translation>
    </message>
    <message>
        <source>Output tokens per second of one replica as more sequences share each step; the largest batch here is what memory and the engine allow (%1 sequences).</source>
        <translation>随着每步共享的序列增多，单副本每秒输出的词元数；图中最大批大小为显存和引擎允许的上限（%1 个序列）。</translation>
    </message>
    <message>
        <source>Autoscaling over the day</source>
        <translation>全天自动扩缩容</translation>
    </message>
    <message>
        <source>Autoscaling is off in this scenario, so the plans above keep a fixed fleet sized for the peak. For comparison, this is the recommended plan under the scenario&apos;s autoscaling policy.</source>
        <translation>本场景未开启自动扩缩容，上述方案均按峰值固定配置。作为对比，下面是推荐方案在本场景扩缩容策略下的表现。</translation>
    </message>
    <message>
        <source>Autoscaling would cost %1 per month against %2 for a fleet fixed at the peak: a saving of %3 (%4).</source>
        <translation>自动扩缩容每月成本 %1，按峰值固定配置为 %2：节省 %3（%4）。</translation>
    </message>
    <message>
        <source>Autoscaled monthly cost</source>
        <translation>自动扩缩容月成本</translation>
    </message>
    <message>
        <source>Fixed fleet for the peak</source>
        <translation>按峰值固定配置</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>节省</translation>
    </message>
    <message>
        <source>Mean and peak ready replicas</source>
        <translation>平均与峰值就绪副本数</translation>
    </message>
    <message>
        <source>Cold start of a replica</source>
        <translation>副本冷启动时间</translation>
    </message>
    <message>
        <source>Minutes over the SLO per period</source>
        <translation>每周期超出 SLO 的分钟数</translation>
    </message>
    <message>
        <source>Plans that do not fit or miss a limit</source>
        <translation>不可行或超出限制的方案</translation>
    </message>
    <message>
        <source>Every candidate fits and meets the targets.</source>
        <translation>所有候选方案均可部署并满足目标。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>方案数</translation>
    </message>
    <message>
        <source>%1 more groups are in the CSV export.</source>
        <translation>另有 %1 组见 CSV 导出文件。</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>Price sources</source>
        <translation>价格来源</translation>
    </message>
    <message>
        <source>List prices per instance as dated by their source, converted to %1 and scaled to %2 hours per month. Prices change: check them before you commit.</source>
        <translation>各实例的目录价格及其来源日期，已换算为 %1，并按每月 %2 小时折算。价格会变动，决策前请核实。</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Price dates</source>
        <translation>价格日期</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Exchange rates: %1</source>
        <translation>汇率：%1</translation>
    </message>
    <message>
        <source>About the uncertainty bands</source>
        <translation>关于不确定区间</translation>
    </message>
    <message>
        <source>Every predicted speed and latency carries a band. Its width comes from the residuals of the serving-engine profile&apos;s fit to published measurements: a value v has the band v ÷ f to v × f, with one factor f per metric and engine. Time to first token has the widest band, because queueing and scheduler overheads dominate it. Costs are computed from the central value; if the real capacity sits at the low edge of its band, a plan needs proportionally more replicas.</source>
        <translation>每个预测的速度和延迟都带有一个区间。区间宽度来自推理引擎配置拟合公开测量数据的残差：数值 v 的区间为 v ÷ f 到 v × f，每个指标和引擎各有一个系数 f。首词延迟的区间最宽，因为排队和调度开销占主导。成本按中心值计算；若实际容量位于区间下沿，方案需要按比例增加副本。</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Throughput factor</source>
        <translation>吞吐量系数</translation>
    </message>
    <message>
        <source>TPOT factor</source>
        <translation>每词延迟系数</translation>
    </message>
    <message>
        <source>TTFT factor</source>
        <translation>首词延迟系数</translation>
    </message>
    <message>
        <source>Published measurements</source>
        <translation>公开测量数</translation>
    </message>
    <message>
        <source>Untitled scenario</source>
        <translation>未命名场景</translation>
    </message>
    <message>
        <source>Report date: %1</source>
        <translation>报告日期：%1</translation>
    </message>
    <message>
        <source>Recommended plan: %1 on %2, %3 replicas, %4 per month (%5 per million output tokens).</source>
        <translation>推荐方案：%1 部署在 %2，%3 个副本，每月 %4（每百万输出词元 %5）。</translation>
    </message>
    <message>
        <source>No plan meets the latency targets within this scenario&apos;s limits.</source>
        <translation>在本场景的限制内，没有方案能满足延迟目标。</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Generated by ServePlan %1. Estimates, not measurements: see “About the uncertainty bands”.</source>
        <translation>由 ServePlan %1 生成。以上为估算而非实测，详见“关于不确定区间”。</translation>
    </message>
    <message>
        <source>ServePlan %1</source>
        <translation>ServePlan %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>generic engine</source>
        <translation>通用引擎</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>可行</translation>
    </message>
    <message>
        <source>Does not fit</source>
        <translation>显存不足</translation>
    </message>
    <message>
        <source>No price</source>
        <translation>无价格</translation>
    </message>
    <message>
        <source>Misses SLO</source>
        <translation>未达 SLO</translation>
    </message>
    <message>
        <source>Over budget</source>
        <translation>超出预算</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>按需</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>竞价实例</translation>
    </message>
    <message>
        <source>Reserved, 1 year</source>
        <translation>预留 1 年</translation>
    </message>
    <message>
        <source>Reserved, 3 years</source>
        <translation>预留 3 年</translation>
    </message>
    <message>
        <source>Monthly subscription</source>
        <translation>包年包月（按月）</translation>
    </message>
</context>
</TS>
