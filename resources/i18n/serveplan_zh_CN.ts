<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CapacityMethod</name>
    <message>
        <source>Analytic (closed form)</source>
        <translation>解析法（闭式解）</translation>
    </message>
    <message>
        <source>Simulated (continuous-batching simulator)</source>
        <translation>仿真法（连续批处理仿真）</translation>
    </message>
</context>
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
    <name>CostCurveChart</name>
    <message>
        <source> (prefill/decode)</source>
        <translation>（预填充/解码分离）</translation>
    </message>
</context>
<context>
    <name>DisaggregationMode</name>
    <message>
        <source>MoE models at high load</source>
        <translation>高负载下的 MoE 模型</translation>
    </message>
    <message>
        <source>Every plan</source>
        <translation>所有方案</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>EngineMessage</name>
    <message>
        <source>does not fit (%1): needs %2 per GPU, has %3 (weights %4, activations %5, runtime %6, KV for one %7-token sequence %8)</source>
        <translation>显存不足（%1）：每个 GPU 需要 %2，可用 %3（权重 %4，激活 %5，运行时 %6，一条 %7 词元序列的 KV %8）</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>weights + runtime</source>
        <translation>权重 + 运行时</translation>
    </message>
    <message>
        <source>KV cache</source>
        <translation>KV 缓存</translation>
    </message>
    <message>
        <source>no model given</source>
        <translation>未指定模型</translation>
    </message>
    <message>
        <source>no GPU given</source>
        <translation>未指定 GPU</translation>
    </message>
    <message>
        <source>tensor and pipeline parallel must be &gt;= 1</source>
        <translation>张量并行和流水线并行必须 &gt;= 1</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>显存不足</translation>
    </message>
    <message>
        <source>the SLO is missed even at one request in flight</source>
        <translation>即使只有一个在途请求也达不到 SLO</translation>
    </message>
    <message>
        <source>the SLO is missed even at a trickle of load</source>
        <translation>即使负载极低也达不到 SLO</translation>
    </message>
    <message>
        <source>misses the SLO even at a trickle of load</source>
        <translation>即使负载极低也达不到 SLO</translation>
    </message>
    <message>
        <source>both pools need a model, a GPU and a layout of at least one GPU</source>
        <translation>两个池都需要模型、GPU 和至少一个 GPU 的布局</translation>
    </message>
    <message>
        <source>the prefill and decode pools must serve the same model</source>
        <translation>预填充池和解码池必须服务同一个模型</translation>
    </message>
    <message>
        <source>prefill pool %1</source>
        <translation>预填充池%1</translation>
    </message>
    <message>
        <source>decode pool %1</source>
        <translation>解码池%1</translation>
    </message>
    <message>
        <source>the TTFT target is missed by the prefill and KV transfer of one prompt alone</source>
        <translation>仅一个提示词的预填充和 KV 传输就超出了 TTFT 目标</translation>
    </message>
    <message>
        <source>the TPOT target is missed even at one sequence in decode</source>
        <translation>解码中即使只有一条序列也达不到 TPOT 目标</translation>
    </message>
    <message>
        <source>need at least one prefill and one decode replica and a rate &gt;= 0</source>
        <translation>需要至少一个预填充副本、一个解码副本，且到达率 &gt;= 0</translation>
    </message>
    <message>
        <source>the prefill pool saturates</source>
        <translation>预填充池饱和</translation>
    </message>
    <message>
        <source>the decode pool saturates (its KV cache or batch limit)</source>
        <translation>解码池饱和（KV 缓存或批大小上限）</translation>
    </message>
    <message>
        <source>need at least one prefill and one decode replica and one request in flight</source>
        <translation>需要至少一个预填充副本、一个解码副本和一个在途请求</translation>
    </message>
    <message>
        <source>no %1 price for %2 in the catalog</source>
        <translation>目录中没有 %2 的 %1 价格</translation>
    </message>
    <message>
        <source>no %1 price for %2 in the catalog on or before %3</source>
        <translation>目录中没有 %2 在 %3 或之前的 %1 价格</translation>
    </message>
    <message>
        <source>no FX rate to convert %1 to %2</source>
        <translation>没有将 %1 换算为 %2 的汇率</translation>
    </message>
    <message>
        <source>no instance in the catalog carries GPU %1 (with the provider/region filters)</source>
        <translation>目录中没有搭载 GPU %1 的实例（在所选云厂商/区域范围内）</translation>
    </message>
    <message>
        <source>needs %1 instances, max_instances is %2</source>
        <translation>需要 %1 台实例，实例上限为 %2</translation>
    </message>
    <message>
        <source>monthly cost %1 %2 is over the budget of %3 %2</source>
        <translation>月成本 %1 %2 超出预算 %3 %2</translation>
    </message>
    <message>
        <source>%1; within the limits it serves up to %2 QPS (%3 instances)</source>
        <translation>%1；在限制内最多可服务 %2 QPS（%3 台实例）</translation>
    </message>
    <message>
        <source>%1 instance(s) skipped: their GPU is not in the GPU catalog</source>
        <translation>已跳过 %1 个实例：其 GPU 不在 GPU 目录中</translation>
    </message>
    <message>
        <source>calibrated: GPU %1 with run %2</source>
        <translation>已校准：GPU %1，使用运行 %2</translation>
    </message>
    <message>
        <source>calibrated: GPU %1 with run %2 (%3 only)</source>
        <translation>已校准：GPU %1，使用运行 %2（仅 %3）</translation>
    </message>
    <message>
        <source>the plan has no model or GPU</source>
        <translation>该方案没有模型或 GPU</translation>
    </message>
    <message>
        <source>MIG profile %1 is not in the catalog</source>
        <translation>MIG 配置 %1 不在目录中</translation>
    </message>
    <message>
        <source>engine dynamo read as its %1 workers</source>
        <translation>引擎 dynamo 按其 %1 工作进程处理</translation>
    </message>
    <message>
        <source>engine other read as generic</source>
        <translation>引擎 other 按 generic 处理</translation>
    </message>
    <message>
        <source>engine %1 has no calibration data: generic efficiencies used</source>
        <translation>引擎 %1 没有校准数据：使用通用效率</translation>
    </message>
    <message>
        <source>metric &apos;%1&apos; is not a metric of DESIGN.md §3.1</source>
        <translation>指标“%1”不是 DESIGN.md §3.1 中的指标</translation>
    </message>
    <message>
        <source>%1 does not serve on a CPU host (use llamacpp or generic)</source>
        <translation>%1 不能在 CPU 主机上服务（请使用 llamacpp 或 generic）</translation>
    </message>
    <message>
        <source>%1 runs on NVIDIA GPUs only</source>
        <translation>%1 仅能运行在 NVIDIA GPU 上</translation>
    </message>
    <message>
        <source>no request fits in the KV cache</source>
        <translation>KV 缓存放不下任何请求</translation>
    </message>
    <message>
        <source>the catalog has no compute rate for %1: assumed 150 FLOP per byte of bandwidth</source>
        <translation>目录中没有 %1 的算力：按每字节带宽 150 FLOP 估计</translation>
    </message>
    <message>
        <source>%1 has no %2 tensor unit: weights dequantised to 16-bit (no low-precision speed-up)</source>
        <translation>%1 没有 %2 张量单元：权重反量化为 16 位（无低精度加速）</translation>
    </message>
    <message>
        <source>%1 requests exceed the KV cache</source>
        <translation>%1 个请求超出 KV 缓存</translation>
    </message>
    <message>
        <source>point %1 skipped: %2</source>
        <translation>已跳过第 %1 个点：%2</translation>
    </message>
    <message>
        <source>no measured metric the predictor knows</source>
        <translation>没有预测器认识的实测指标</translation>
    </message>
    <message>
        <source>%1 not fitted: no point measured TTFT</source>
        <translation>%1 未拟合：没有测量 TTFT 的点</translation>
    </message>
    <message>
        <source>fitted %1 (rms log error %2 -&gt; %3)</source>
        <translation>已拟合 %1（均方根对数误差 %2 -&gt; %3）</translation>
    </message>
    <message>
        <source>no batch-1 decode step: weight bandwidth not fitted</source>
        <translation>没有批大小为 1 的解码步：未拟合权重带宽</translation>
    </message>
    <message>
        <source>batch-1 decode step has no weight bytes: weight bandwidth not fitted</source>
        <translation>批大小为 1 的解码步没有权重字节：未拟合权重带宽</translation>
    </message>
    <message>
        <source>%1 ran on one GPU (bus bandwidth 0 by definition): not fitted</source>
        <translation>%1 只在一块 GPU 上运行（按定义总线带宽为 0）：未拟合</translation>
    </message>
    <message>
        <source>%1: fewer than two message sizes up to 4 MiB (or alpha &lt;= 0): %2 not fitted</source>
        <translation>%1：不超过 4 MiB 的消息大小少于两个（或 alpha &lt;= 0）：未拟合 %2</translation>
    </message>
    <message>
        <source>%1 skipped by the probe: %2</source>
        <translation>%1 被探测程序跳过：%2</translation>
    </message>
    <message>
        <source>collective results on topology &apos;%1&apos; (not nvswitch, nvlink or pcie): the link is unknown, not fitted</source>
        <translation>拓扑“%1”上的集合通信结果（不是 nvswitch、nvlink 或 pcie）：链路未知，未拟合</translation>
    </message>
    <message>
        <source>the catalog has no NVLink bandwidth for %1: collectives not fitted</source>
        <translation>目录中没有 %1 的 NVLink 带宽：未拟合集合通信</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>best cuBLASLt %1 GEMM at m &gt;= 512</source>
        <translation>cuBLASLt %1 GEMM 在 m &gt;= 512 时的最佳值</translation>
    </message>
    <message>
        <source>median decode-attention bandwidth at batch %1</source>
        <translation>批大小 %1 时解码注意力带宽的中位数</translation>
    </message>
    <message>
        <source>batch-1 decode step of %1 at context %2</source>
        <translation>%1 在上下文 %2 时的批大小 1 解码步</translation>
    </message>
    <message>
        <source>median MLA decode-attention latent-cache bandwidth at batch %1</source>
        <translation>批大小 %1 时 MLA 解码注意力潜在缓存带宽的中位数</translation>
    </message>
    <message>
        <source>median %1 MoE-layer expert weight stream over %2 batch sizes</source>
        <translation>%1 MoE 层专家权重读取带宽在 %2 个批大小上的中位数</translation>
    </message>
    <message>
        <source>bus bandwidth %1 at %2 over %3 (%4 per direction), %5 GPUs</source>
        <translation>总线带宽 %1（消息 %2，经 %3，单向 %4），%5 个 GPU</translation>
    </message>
    <message>
        <source>least-squares alpha of time = alpha + bytes x beta over %1 sizes up to 4 MiB, %2 GPUs</source>
        <translation>时间 = alpha + 字节数 × beta 的最小二乘 alpha，基于 %1 个不超过 4 MiB 的消息大小，%2 个 GPU</translation>
    </message>
    <message>
        <source>GPUs in the measured collectives, topology %1</source>
        <translation>所测集合通信的 GPU 数，拓扑 %1</translation>
    </message>
    <message>
        <source>empty kernels replayed in a CUDA graph</source>
        <translation>在 CUDA 图中重放的空内核</translation>
    </message>
    <message>
        <source>one launch and a stream synchronisation</source>
        <translation>一次启动加一次流同步</translation>
    </message>
    <message>
        <source>STREAM triad</source>
        <translation>STREAM triad 测试</translation>
    </message>
    <message>
        <source>FP32 blocked GEMM</source>
        <translation>FP32 分块 GEMM</translation>
    </message>
    <message>
        <source>device copy kernel</source>
        <translation>设备拷贝内核</translation>
    </message>
    <message>
        <source>load-test fit, %1 point(s), %2 metrics, %3 on %4 x %5</source>
        <translation>负载测试拟合，%1 个数据点，%2 项指标，%3 运行于 %4 × %5</translation>
    </message>
    <message>
        <source>calibration run %1</source>
        <translation>校准运行 %1</translation>
    </message>
    <message>
        <source>GPU &apos;%1&apos; is not in the catalog</source>
        <translation>GPU“%1”不在目录中</translation>
    </message>
    <message>
        <source>model &apos;%1&apos; is not in the catalog</source>
        <translation>模型“%1”不在目录中</translation>
    </message>
    <message>
        <source>engine &apos;%1&apos; is not a serving engine ServePlan knows</source>
        <translation>引擎“%1”不是 ServePlan 认识的推理引擎</translation>
    </message>
    <message>
        <source>no load-test point the predictor can set beside its measurements</source>
        <translation>没有一个负载测试数据点能让预测器与其测量值对照</translation>
    </message>
    <message>
        <source>GPU %1 has no memory bandwidth in the catalog: nothing to scale</source>
        <translation>目录中 GPU %1 没有显存带宽：无从换算</translation>
    </message>
    <message>
        <source>the CPU run has no bandwidth or GEMM result</source>
        <translation>该 CPU 运行没有带宽或 GEMM 结果</translation>
    </message>
    <message>
        <source>the run has no result the fit uses (copy_bandwidth, gemm, decode_attention, decode_step, mla_decode_attention, moe_layer, allreduce/alltoall/p2p_bandwidth)</source>
        <translation>该运行没有拟合所用的结果（copy_bandwidth、gemm、decode_attention、decode_step、mla_decode_attention、moe_layer、allreduce/alltoall/p2p_bandwidth）</translation>
    </message>
    <message>
        <source>invalid scenario: %1</source>
        <translation>无效的场景：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>expected at least one model id</source>
        <translation>至少需要一个模型 ID</translation>
    </message>
    <message>
        <source>expected at least one precision</source>
        <translation>至少需要一种精度</translation>
    </message>
    <message>
        <source>expected at least one serving engine</source>
        <translation>至少需要一个推理服务引擎</translation>
    </message>
    <message>
        <source>expected powers of two 1..64, got %1</source>
        <translation>应为 1..64 之间的 2 的幂，实际为 %1</translation>
    </message>
    <message>
        <source>expected a number of tokens ≥ 1</source>
        <translation>应为 ≥ 1 的词元数</translation>
    </message>
    <message>
        <source>expected a finite number ≥ 0</source>
        <translation>应为 ≥ 0 的有限数</translation>
    </message>
    <message>
        <source>expected 0 ≤ min ≤ max</source>
        <translation>应满足 0 ≤ min ≤ max</translation>
    </message>
    <message>
        <source>expected a request rate &gt; 0</source>
        <translation>请求速率应 &gt; 0</translation>
    </message>
    <message>
        <source>expected 0 ≤ qps_min &lt; qps_max (qps_max 0 = 2 × qps)</source>
        <translation>应满足 0 ≤ qps_min &lt; qps_max（qps_max 为 0 表示 2 × qps）</translation>
    </message>
    <message>
        <source>expected finite targets ≥ 0 (0 = none)</source>
        <translation>目标应为 ≥ 0 的有限数（0 表示不限）</translation>
    </message>
    <message>
        <source>expected 0 &lt; p &lt; 1 (0.95 = p95)</source>
        <translation>应满足 0 &lt; p &lt; 1（0.95 即 p95）</translation>
    </message>
    <message>
        <source>expected a fraction 0 ≤ f &lt; 1</source>
        <translation>应为比例 0 ≤ f &lt; 1</translation>
    </message>
    <message>
        <source>expected 1..8, got %1</source>
        <translation>应为 1..8，实际为 %1</translation>
    </message>
    <message>
        <source>expected a fraction 0 &lt; a &lt; 1</source>
        <translation>应为比例 0 &lt; a &lt; 1</translation>
    </message>
    <message>
        <source>expected 0 &lt; hours ≤ 744 (730 or 720)</source>
        <translation>应满足 0 &lt; 小时数 ≤ 744（730 或 720）</translation>
    </message>
    <message>
        <source>expected a finite amount ≥ 0 (0 = none)</source>
        <translation>应为 ≥ 0 的有限金额（0 表示不限）</translation>
    </message>
    <message>
        <source>expected ≥ 0 (0 = no cap)</source>
        <translation>应 ≥ 0（0 表示不设上限）</translation>
    </message>
    <message>
        <source>expected a fraction 0..1</source>
        <translation>应为 0..1 之间的比例</translation>
    </message>
    <message>
        <source>expected finite numbers ≥ 0</source>
        <translation>应为 ≥ 0 的有限数</translation>
    </message>
    <message>
        <source>expected a non-empty name</source>
        <translation>名称不能为空</translation>
    </message>
    <message>
        <source>expected ≥ 1</source>
        <translation>应 ≥ 1</translation>
    </message>
    <message>
        <source>expected finite amounts ≥ 0</source>
        <translation>金额应为 ≥ 0 的有限数</translation>
    </message>
    <message>
        <source>expected &gt; 0</source>
        <translation>应 &gt; 0</translation>
    </message>
    <message>
        <source>expected 0 &lt; value ≤ 1</source>
        <translation>应满足 0 &lt; 值 ≤ 1</translation>
    </message>
    <message>
        <source>expected ≥ 0</source>
        <translation>应 ≥ 0</translation>
    </message>
    <message>
        <source>expected 0 (no limit) or ≥ min_replicas</source>
        <translation>应为 0（不限）或 ≥ min_replicas</translation>
    </message>
    <message>
        <source>expected 24 or 168 values, got %1</source>
        <translation>应有 24 或 168 个值，实际为 %1 个</translation>
    </message>
    <message>
        <source>expected fractions of the peak in 0..1</source>
        <translation>应为峰值的比例，范围 0..1</translation>
    </message>
    <message>
        <source>expected ≥ 0 (0 = all)</source>
        <translation>应 ≥ 0（0 表示全部）</translation>
    </message>
    <message>
        <source>unknown model id &apos;%1&apos;</source>
        <translation>未知的模型 ID“%1”</translation>
    </message>
    <message>
        <source>unknown gpu id &apos;%1&apos;</source>
        <translation>未知的 GPU ID“%1”</translation>
    </message>
    <message>
        <source>unknown provider &apos;%1&apos;</source>
        <translation>未知的云服务商“%1”</translation>
    </message>
    <message>
        <source>unknown region &apos;%1&apos;</source>
        <translation>未知的区域“%1”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not PROVIDER:TYPE or PROVIDER:TYPE@REGION</source>
        <translation>“%1”不是 PROVIDER:TYPE 或 PROVIDER:TYPE@REGION 格式</translation>
    </message>
    <message>
        <source>no instance &apos;%1&apos; in the catalog</source>
        <translation>目录中没有实例“%1”</translation>
    </message>
    <message>
        <source>no FX rate for &apos;%1&apos; in the catalog</source>
        <translation>目录中没有“%1”的汇率</translation>
    </message>
    <message>
        <source>no FX rate for &apos;%1&apos; in the catalog on or before %2</source>
        <translation>目录中没有“%1”在 %2 当天或之前的汇率</translation>
    </message>
    <message>
        <source>no FX rate for &apos;%1&apos;</source>
        <translation>没有“%1”的汇率</translation>
    </message>
</context>
<context>
    <name>LengthDistribution</name>
    <message>
        <source>Fixed</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>均匀分布</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正态分布</translation>
    </message>
    <message>
        <source>Log-normal</source>
        <translation>对数正态分布</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>指数分布</translation>
    </message>
</context>
<context>
    <name>MtpMode</name>
    <message>
        <source>Try with and without</source>
        <translation>开启与关闭都尝试</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>始终</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>PlanFormat</name>
    <message>
        <source>%1/month</source>
        <translation>%1/月</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 ms (%2–%3 ms)</source>
        <translation>%1 毫秒（%2–%3 毫秒）</translation>
    </message>
    <message>
        <source>1 replica</source>
        <translation>1 个副本</translation>
    </message>
    <message>
        <source>%1 replicas</source>
        <translation>%1 个副本</translation>
    </message>
    <message>
        <source>%1 req/s</source>
        <translation>%1 请求/秒</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>unknown GPU</source>
        <translation>未知 GPU</translation>
    </message>
    <message>
        <source>%1 MIG %2</source>
        <translation>%1 MIG %2</translation>
    </message>
    <message>
        <source>TP %1 × PP %2</source>
        <translation>TP %1 × PP %2</translation>
    </message>
    <message>
        <source>TP %1</source>
        <translation>TP %1</translation>
    </message>
</context>
<context>
    <name>PlanStatus</name>
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
</context>
<context>
    <name>PricingPlan</name>
    <message>
        <source>On demand</source>
        <translation>按量付费</translation>
    </message>
    <message>
        <source>Spot</source>
        <translation>抢占式实例</translation>
    </message>
    <message>
        <source>Reserved, 1 year</source>
        <translation>预留实例 1 年</translation>
    </message>
    <message>
        <source>Reserved, 3 years</source>
        <translation>预留实例 3 年</translation>
    </message>
    <message>
        <source>Savings plan, 1 year</source>
        <translation>节省计划 1 年</translation>
    </message>
    <message>
        <source>Savings plan, 3 years</source>
        <translation>节省计划 3 年</translation>
    </message>
    <message>
        <source>Committed use, 1 year</source>
        <translation>承诺使用折扣 1 年</translation>
    </message>
    <message>
        <source>Committed use, 3 years</source>
        <translation>承诺使用折扣 3 年</translation>
    </message>
    <message>
        <source>Monthly subscription</source>
        <translation>包年包月（按月）</translation>
    </message>
    <message>
        <source>Yearly subscription</source>
        <translation>包年包月（按年）</translation>
    </message>
    <message>
        <source>%1 /month</source>
        <translation>%1 /月</translation>
    </message>
    <message>
        <source>%1 /h</source>
        <translation>%1 /小时</translation>
    </message>
    <message>
        <source>No upfront</source>
        <translation>无预付</translation>
    </message>
    <message>
        <source>Partial upfront</source>
        <translation>部分预付</translation>
    </message>
    <message>
        <source>All upfront</source>
        <translation>全部预付</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Prompts</name>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to “%1” before closing it?</source>
        <translation>关闭前是否保存对“%1”的更改？</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message numerus="yes">
        <source>⚠ %n source(s) have prices dated before %1 or undated: they may be out of date.</source>
        <translation>
            <numerusform>⚠ %n 个来源的价格早于 %1 或无日期：可能已过时。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n source(s) are flagged SUSPECT (checked against another source and found off).</source>
        <translation>
            <numerusform>⚠ %n 个来源被标记为可疑 (SUSPECT)（与其他来源核对后发现有偏差）。</numerusform>
        </translation>
    </message>
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
    <message numerus="yes">
        <source>Calibrations applied to the GPUs (probe runs, load tests) replace the engine profiles&apos; efficiencies and overheads where the plans run on those GPUs: %n used, listed below.</source>
        <translation>
            <numerusform>已应用于 GPU 的校准（探测运行、负载测试）在方案运行于这些 GPU 时替代引擎配置中的效率与开销：共使用 %n 个，见下表。</numerusform>
        </translation>
    </message>
    <message>
        <source>Applied calibrations are switched off for this scenario: the engines&apos; default profiles are used on every GPU.</source>
        <translation>此场景已关闭已应用的校准：所有 GPU 均使用引擎的默认配置。</translation>
    </message>
    <message>
        <source>None of the planned GPUs has an applied calibration. </source>
        <translation>方案涉及的 GPU 均未应用校准。</translation>
    </message>
    <message>
        <source>all engines</source>
        <translation>所有引擎</translation>
    </message>
    <message>
        <source>%1 only</source>
        <translation>仅 %1</translation>
    </message>
    <message>
        <source>Calibration used</source>
        <translation>使用的校准</translation>
    </message>
    <message>
        <source>GPU %1, run %2, %3: %4</source>
        <translation>GPU %1，运行 %2，%3：%4</translation>
    </message>
    <message>
        <source>no factors</source>
        <translation>无系数</translation>
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
        <source>Each step curve is one plan: the monthly cost of the whole number of replicas a peak load needs. Coloured curves lie on the cost/capacity Pareto frontier, grey ones are beaten on both. The dotted line follows the cheapest plan at each load; the dashed red line marks the target peak.</source>
        <translation>每条阶梯曲线代表一个方案：承载某一峰值负载所需整数个副本的月成本。彩色曲线位于成本/容量帕累托前沿，灰色曲线在两方面都被超越。点线表示各负载下最便宜的方案；红色虚线标出目标峰值。</translation>
    </message>
    <message>
        <source>Serving layouts</source>
        <translation>服务并行布局</translation>
    </message>
    <message>
        <source>TP = tensor parallel within an attention group; DP = attention data-parallel groups, each serving its own requests with its own KV cache; EP = the MoE experts spread over that many GPUs (all-to-all dispatch and combine); PP = pipelined over instances; MTP n = multi-token prediction with n draft tokens per step at %1 acceptance; P: a×(…) / D: b×(…) = separate prefill and decode pools of a and b replicas, the prompt&apos;s KV cache sent from prefill to decode (its transfer is part of the TTFT).</source>
        <translation>TP = 注意力组内的张量并行；DP = 注意力数据并行组，每组服务自己的请求并持有自己的 KV 缓存；EP = MoE 专家分布到这么多块 GPU（all-to-all 分发与合并）；PP = 跨实例流水线并行；MTP n = 多 token 预测，每步 n 个草稿 token，接受率 %1；P: a×(…) / D: b×(…) = 独立的预填充池与解码池，分别有 a 和 b 个副本，提示词的 KV 缓存从预填充发送到解码（传输时间计入 TTFT）。</translation>
    </message>
    <message>
        <source>Prefix-cache hit rate</source>
        <translation>前缀缓存命中率</translation>
    </message>
    <message>
        <source>%1 of prompt tokens served from the engine&apos;s prefix cache (no prefill)</source>
        <translation>%1 的提示词 token 由引擎的前缀缓存提供（无需预填充）</translation>
    </message>
    <message>
        <source>%1 GPUs</source>
        <translation>%1 块 GPU</translation>
    </message>
    <message>
        <source>%1 %2–%3 tokens</source>
        <translation>%1 %2–%3 个词元</translation>
    </message>
    <message>
        <source>%1, mean %2, sd %3 tokens</source>
        <translation>%1，均值 %2，标准差 %3 个词元</translation>
    </message>
    <message>
        <source>%1, mean %2 tokens</source>
        <translation>%1，均值 %2 个词元</translation>
    </message>
</context>
<context>
    <name>SaveFile</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ServingEngine</name>
    <message>
        <source>Generic</source>
        <translation>通用</translation>
    </message>
</context>
<context>
    <name>TrafficPreset</name>
    <message>
        <source>Flat</source>
        <translation>平稳</translation>
    </message>
    <message>
        <source>Diurnal (peak 15:00)</source>
        <translation>昼夜型（15:00 峰值）</translation>
    </message>
    <message>
        <source>Business hours (09–18)</source>
        <translation>工作时间（09–18）</translation>
    </message>
    <message>
        <source>Spiky</source>
        <translation>突发型</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
</context>
<context>
    <name>WorkloadPreset</name>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>RAG (long prompts)</source>
        <translation>RAG（长提示词）</translation>
    </message>
    <message>
        <source>Long reasoning</source>
        <translation>长推理</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Plans LLM inference deployments.</source>
        <translation>规划大模型推理部署。</translation>
    </message>
    <message>
        <source>Catalog database (default: the user&apos;s).</source>
        <translation>目录数据库（默认：用户自己的）。</translation>
    </message>
    <message>
        <source>Start with the demo scenario.</source>
        <translation>以演示场景启动。</translation>
    </message>
    <message>
        <source>Save screenshots of the main views to DIR after planning, then quit.</source>
        <translation>规划完成后将主要视图的截图保存到 DIR，然后退出。</translation>
    </message>
    <message>
        <source>A *.serveplan scenario to open.</source>
        <translation>要打开的 *.serveplan 场景文件。</translation>
    </message>
    <message>
        <source>Catalog database</source>
        <translation>目录数据库</translation>
    </message>
    <message>
        <source>The catalog database cannot be opened, so ServePlan shows its built-in catalog. Your database was left as it is.

%1</source>
        <translation>无法打开目录数据库，ServePlan 将显示内置目录。您的数据库保持原样。

%1</translation>
    </message>
</context>
<context>
    <name>serveplan::CurveModel</name>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
</context>
<context>
    <name>serveplan::PlanTableModel</name>
    <message>
        <source>⚠ The price is undated: it may be out of date.</source>
        <translation>⚠ 价格无日期：可能已过时。</translation>
    </message>
    <message>
        <source>⚠ The price is dated %1, before %2: it may be out of date.</source>
        <translation>⚠ 价格日期为 %1，早于 %2：可能已过时。</translation>
    </message>
    <message>
        <source>⚠ The price&apos;s source is flagged SUSPECT: check it before relying on it.</source>
        <translation>⚠ 价格来源被标记为可疑 (SUSPECT)：使用前请核实。</translation>
    </message>
    <message>
        <source>%1/M output tokens</source>
        <translation>%1/百万输出 token</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>推理引擎</translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>并行方式</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本数</translation>
    </message>
    <message>
        <source>Capacity/replica</source>
        <translation>单副本容量</translation>
    </message>
    <message>
        <source>Monthly cost</source>
        <translation>月成本</translation>
    </message>
    <message>
        <source>Cost per M tokens</source>
        <translation>每百万 token 成本</translation>
    </message>
    <message>
        <source>TTFT p%1</source>
        <translation>首字延迟 (TTFT) p%1</translation>
    </message>
    <message>
        <source>TPOT p%1</source>
        <translation>每token延迟 (TPOT) p%1</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>serveplan::models::GpuTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation>厂商</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>显存 (GB)</translation>
    </message>
    <message>
        <source>Memory type</source>
        <translation>显存类型</translation>
    </message>
    <message>
        <source>Bandwidth (GB/s)</source>
        <translation>带宽 (GB/s)</translation>
    </message>
    <message>
        <source>BF16 (TFLOPS)</source>
        <translation>BF16 (TFLOPS)</translation>
    </message>
    <message>
        <source>FP8 (TFLOPS)</source>
        <translation>FP8 (TFLOPS)</translation>
    </message>
    <message>
        <source>INT8 (TOPS)</source>
        <translation>INT8 (TOPS)</translation>
    </message>
    <message>
        <source>FP4 (TFLOPS)</source>
        <translation>FP4 (TFLOPS)</translation>
    </message>
    <message>
        <source>TDP (W)</source>
        <translation>功耗 (W)</translation>
    </message>
    <message>
        <source>Interconnect</source>
        <translation>互联</translation>
    </message>
    <message>
        <source>MIG instances</source>
        <translation>MIG 实例数</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
</context>
<context>
    <name>serveplan::models::InstanceTableModel</name>
    <message>
        <source>%1: %2 %3 paid once, included in the effective price</source>
        <translation>%1：一次性支付 %2 %3，已计入实际价格</translation>
    </message>
    <message>
        <source>fetched %1</source>
        <translation>获取于 %1</translation>
    </message>
    <message>
        <source>⚠ undated: its age is unknown</source>
        <translation>⚠ 无日期：无法判断是否过时</translation>
    </message>
    <message>
        <source>⚠ older than %1: may be out of date</source>
        <translation>⚠ 早于 %1：可能已过时</translation>
    </message>
    <message>
        <source>⚠ flagged SUSPECT by its source: check it before relying on it</source>
        <translation>⚠ 来源标记为可疑 (SUSPECT)：使用前请核实</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>历史价格：</translation>
    </message>
    <message>
        <source>%1 %2 per %3, %4
%5%6</source>
        <translation>%1 %2 每%3，%4
%5%6</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>no date given</source>
        <translation>未注明日期</translation>
    </message>
    <message>
        <source>
(entered by you)</source>
        <translation>
（由您录入）</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Instance type</source>
        <translation>实例类型</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <source>GPU memory (GB)</source>
        <translation>单卡显存 (GB)</translation>
    </message>
    <message>
        <source>vCPUs</source>
        <translation>vCPU 数</translation>
    </message>
    <message>
        <source>Memory (GiB)</source>
        <translation>内存 (GiB)</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Price date</source>
        <translation>价格日期</translation>
    </message>
</context>
<context>
    <name>serveplan::models::LlmTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>系列</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Params (B)</source>
        <translation>参数量 (B)</translation>
    </message>
    <message>
        <source>Active (B)</source>
        <translation>激活参数 (B)</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>KV 头</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>专家数</translation>
    </message>
    <message>
        <source>Max context</source>
        <translation>最大上下文</translation>
    </message>
    <message>
        <source>Native dtype</source>
        <translation>原生数据类型</translation>
    </message>
    <message>
        <source>Hugging Face repo</source>
        <translation>Hugging Face 仓库</translation>
    </message>
</context>
<context>
    <name>serveplan::models::PriceHistoryModel</name>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>%1 %2 per %3</source>
        <translation>每%3 %1 %2</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>%1: %2 %3 paid once</source>
        <translation>%1：一次性支付 %2 %3</translation>
    </message>
    <message>
        <source> (entered by you)</source>
        <translation>（由您录入）</translation>
    </message>
    <message>
        <source>in use (newest)</source>
        <translation>使用中（最新）</translation>
    </message>
    <message>
        <source>in use on %1</source>
        <translation>%1 使用中</translation>
    </message>
    <message>
        <source>Not used: the planner takes the newest price on or before the price date, the cheapest upfront option when several apply</source>
        <translation>未使用：规划器采用价格日期当天或之前的最新价格，有多种预付选项时取最便宜的一种</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Upfront</source>
        <translation>预付</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Fetched at</source>
        <translation>获取时间</translation>
    </message>
    <message>
        <source>Planner</source>
        <translation>规划器</translation>
    </message>
</context>
<context>
    <name>serveplan::models::ProbeRunner</name>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>some tests failed</source>
        <translation>部分测试失败</translation>
    </message>
    <message>
        <source>bad arguments</source>
        <translation>参数错误</translation>
    </message>
    <message>
        <source>no usable device</source>
        <translation>无可用设备</translation>
    </message>
    <message>
        <source>the probe crashed</source>
        <translation>探测程序崩溃</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>could not start the probe</source>
        <translation>无法启动探测程序</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>协议错误</translation>
    </message>
    <message>
        <source>the probe was cancelled</source>
        <translation>探测程序已取消</translation>
    </message>
    <message>
        <source>the probe did not finish within %1 s and was stopped</source>
        <translation>探测程序未在 %1 秒内完成，已被停止</translation>
    </message>
    <message numerus="yes">
        <source>the probe crashed after %n result(s)</source>
        <translation>
            <numerusform>探测程序在得到 %n 个结果后崩溃</numerusform>
        </translation>
    </message>
    <message>
        <source>the probe exited without its final &quot;done&quot; line</source>
        <translation>探测程序退出时没有输出最后的 &quot;done&quot; 行</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 个结果</numerusform>
        </translation>
    </message>
    <message>
        <source>the probe rejected its arguments</source>
        <translation>探测程序拒绝了其参数</translation>
    </message>
    <message>
        <source>no usable GPU and CPU fallback disabled</source>
        <translation>无可用 GPU，且已禁用 CPU 回退</translation>
    </message>
    <message numerus="yes">
        <source>some tests failed; %n result(s) are valid</source>
        <translation>
            <numerusform>部分测试失败；%n 个结果有效</numerusform>
        </translation>
    </message>
    <message>
        <source>the probe exited with code %1</source>
        <translation>探测程序退出，退出码 %1</translation>
    </message>
    <message>
        <source>could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::AddGpuDialog</name>
    <message>
        <source>Add GPU</source>
        <translation>添加 GPU</translation>
    </message>
    <message>
        <source>a unique id, e.g. lab-card-48gb</source>
        <translation>唯一标识，例如 lab-card-48gb</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source> GB/s</source>
        <translation> GB/s</translation>
    </message>
    <message>
        <source> TFLOPS</source>
        <translation> TFLOPS</translation>
    </message>
    <message>
        <source> TOPS</source>
        <translation> TOPS</translation>
    </message>
    <message>
        <source> W</source>
        <translation> W</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>标识(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Vendor:</source>
        <translation>厂商(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>显存(&amp;M)：</translation>
    </message>
    <message>
        <source>Memory &amp;bandwidth:</source>
        <translation>显存带宽(&amp;B)：</translation>
    </message>
    <message>
        <source>FP16 dense:</source>
        <translation>FP16 稠密算力：</translation>
    </message>
    <message>
        <source>BF16 dense:</source>
        <translation>BF16 稠密算力：</translation>
    </message>
    <message>
        <source>FP8 dense:</source>
        <translation>FP8 稠密算力：</translation>
    </message>
    <message>
        <source>INT8 dense:</source>
        <translation>INT8 稠密算力：</translation>
    </message>
    <message>
        <source>GPU-to-GPU link:</source>
        <translation>GPU 间互联：</translation>
    </message>
    <message>
        <source>Board power:</source>
        <translation>板卡功耗：</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::AddModelDialog</name>
    <message>
        <source>Add Model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <source>a unique id, e.g. my-llama-8b</source>
        <translation>唯一标识，例如 my-llama-8b</translation>
    </message>
    <message>
        <source>Input and output embeddings tied</source>
        <translation>输入与输出嵌入共享权重</translation>
    </message>
    <message>
        <source>&amp;Load config.json…</source>
        <translation>加载 config.json(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>标识(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Family:</source>
        <translation>系列(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Attention:</source>
        <translation>注意力(&amp;A)：</translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation>隐藏维度：</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <source>MLP width:</source>
        <translation>MLP 宽度：</translation>
    </message>
    <message>
        <source>MLP width</source>
        <translation>MLP 宽度</translation>
    </message>
    <message>
        <source>Attention heads:</source>
        <translation>注意力头数：</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>KV heads:</source>
        <translation>KV 头数：</translation>
    </message>
    <message>
        <source>KV heads</source>
        <translation>KV 头</translation>
    </message>
    <message>
        <source>Head dimension:</source>
        <translation>头维度：</translation>
    </message>
    <message>
        <source>Head dimension</source>
        <translation>头维度</translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation>词表大小：</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>词表大小</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation>上下文长度：</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Routed experts:</source>
        <translation>路由专家数：</translation>
    </message>
    <message>
        <source>Routed experts</source>
        <translation>路由专家数</translation>
    </message>
    <message>
        <source>Experts per token:</source>
        <translation>每 token 激活专家数：</translation>
    </message>
    <message>
        <source>Experts per token</source>
        <translation>每 token 激活专家数</translation>
    </message>
    <message>
        <source>Shared experts:</source>
        <translation>共享专家数：</translation>
    </message>
    <message>
        <source>Shared experts</source>
        <translation>共享专家数</translation>
    </message>
    <message>
        <source>Expert MLP width:</source>
        <translation>专家 MLP 宽度：</translation>
    </message>
    <message>
        <source>Expert MLP width</source>
        <translation>专家 MLP 宽度</translation>
    </message>
    <message>
        <source>Leading dense layers:</source>
        <translation>前置稠密层数：</translation>
    </message>
    <message>
        <source>Leading dense layers</source>
        <translation>前置稠密层数</translation>
    </message>
    <message>
        <source>MLA KV rank:</source>
        <translation>MLA KV 秩：</translation>
    </message>
    <message>
        <source>MLA KV rank</source>
        <translation>MLA KV 秩</translation>
    </message>
    <message>
        <source>MLA query rank:</source>
        <translation>MLA 查询秩：</translation>
    </message>
    <message>
        <source>MLA query rank</source>
        <translation>MLA 查询秩</translation>
    </message>
    <message>
        <source>MLA RoPE head dim:</source>
        <translation>MLA RoPE 头维度：</translation>
    </message>
    <message>
        <source>MLA RoPE head dim</source>
        <translation>MLA RoPE 头维度</translation>
    </message>
    <message>
        <source>MLA no-RoPE head dim:</source>
        <translation>MLA 非 RoPE 头维度：</translation>
    </message>
    <message>
        <source>MLA no-RoPE head dim</source>
        <translation>MLA 非 RoPE 头维度</translation>
    </message>
    <message>
        <source>MLA value head dim:</source>
        <translation>MLA 值头维度：</translation>
    </message>
    <message>
        <source>MLA value head dim</source>
        <translation>MLA 值头维度</translation>
    </message>
    <message>
        <source>Parameters:</source>
        <translation>参数量：</translation>
    </message>
    <message>
        <source>%1 B total, %2 B active per token</source>
        <translation>总计 %1 B，每 token 激活 %2 B</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>Read %1 (%2).</source>
        <translation>已读取 %1（%2）。</translation>
    </message>
    <message>
        <source>Open config.json</source>
        <translation>打开 config.json</translation>
    </message>
    <message>
        <source>Model configuration (*.json)</source>
        <translation>模型配置 (*.json)</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::CalibrationChart</name>
    <message>
        <source>before calibration</source>
        <translation>校准前</translation>
    </message>
    <message>
        <source>after calibration</source>
        <translation>校准后</translation>
    </message>
    <message>
        <source>predicted = measured</source>
        <translation>预测 = 实测</translation>
    </message>
    <message>
        <source>Measured (%1)</source>
        <translation>实测（%1）</translation>
    </message>
    <message>
        <source>Measured (each metric in its unit)</source>
        <translation>实测（各指标按其单位）</translation>
    </message>
    <message>
        <source>Predicted (%1)</source>
        <translation>预测（%1）</translation>
    </message>
    <message>
        <source>Predicted (each metric in its unit)</source>
        <translation>预测（各指标按其单位）</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::CalibrationWindow</name>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>探测(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史记录(&amp;H)</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>探测程序</translation>
    </message>
    <message>
        <source>shown when a run starts</source>
        <translation>运行开始后显示</translation>
    </message>
    <message>
        <source>detecting…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <source>the probe reported no device</source>
        <translation>探测程序未报告设备</translation>
    </message>
    <message>
        <source>not detected (%1); a run shows it when it starts</source>
        <translation>未检测到（%1）；运行开始后显示</translation>
    </message>
    <message>
        <source>(the device check then failed: %1)</source>
        <translation>（随后设备检测失败：%1）</translation>
    </message>
    <message>
        <source>The catalog GPU the run is stored for. “Match the device” picks it from the device&apos;s name and memory.</source>
        <translation>运行结果归属的目录 GPU。“按设备匹配”根据设备名称和显存自动选择。</translation>
    </message>
    <message>
        <source>The model whose layer shapes the probe&apos;s synthetic decode and prefill steps use.</source>
        <translation>探测程序的合成解码与预填充步骤所用层形状来自该模型。</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>程序：</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Catalog &amp;GPU:</source>
        <translation>目录 GPU(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Model shapes:</source>
        <translation>模型形状(&amp;M)：</translation>
    </message>
    <message>
        <source>Run &amp;Quick</source>
        <translation>快速运行(&amp;Q)</translation>
    </message>
    <message>
        <source>A short run: a few seconds on a GPU, longer on the CPU fallback.</source>
        <translation>短时运行：GPU 上几秒钟，CPU 回退模式下更久。</translation>
    </message>
    <message>
        <source>Run &amp;Full</source>
        <translation>完整运行(&amp;F)</translation>
    </message>
    <message>
        <source>Every test at every size: about ten seconds on an H100 or H200.</source>
        <translation>运行所有测试的所有规模：在 H100 或 H200 上约十秒。</translation>
    </message>
    <message>
        <source>&amp;Cancel Run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <source>runs are stored for %1 (your choice)</source>
        <translation>运行结果保存到 %1（您的选择）</translation>
    </message>
    <message>
        <source>matched from the device when a run starts</source>
        <translation>运行开始时根据设备匹配</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Date (UTC)</source>
        <translation>日期（UTC）</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已应用</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Use this run&apos;s fitted factors for its GPU in every plan.</source>
        <translation>在所有方案中为该 GPU 使用本次运行拟合的系数。</translation>
    </message>
    <message>
        <source>&amp;Remove Calibration</source>
        <translation>移除校准(&amp;R)</translation>
    </message>
    <message>
        <source>Plan this run&apos;s GPU with the engines&apos; default profiles again (every engine).</source>
        <translation>重新用各引擎的默认配置规划该 GPU（所有引擎）。</translation>
    </message>
    <message>
        <source>&amp;Delete Run…</source>
        <translation>删除运行(&amp;D)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>A calibration run exported from ServePlan, bare serveplan-probe output, a vllm bench serve --save-result JSON or a Locust stats CSV.</source>
        <translation>从 ServePlan 导出的校准运行、serveplan-probe 的原始输出、vllm bench serve --save-result 的 JSON 或 Locust 统计 CSV。</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Test or metric</source>
        <translation>测试或指标</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Predicted before</source>
        <translation>校准前预测</translation>
    </message>
    <message>
        <source>Error before (%)</source>
        <translation>校准前误差（%）</translation>
    </message>
    <message>
        <source>Predicted after</source>
        <translation>校准后预测</translation>
    </message>
    <message>
        <source>Error after (%)</source>
        <translation>校准后误差（%）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Predicted versus measured</source>
        <translation>预测与实测对比</translation>
    </message>
    <message>
        <source>Fitted &amp;factors:</source>
        <translation>拟合系数(&amp;F)：</translation>
    </message>
    <message>
        <source>Predicted &amp;versus measured:</source>
        <translation>预测与实测对比(&amp;V)：</translation>
    </message>
    <message>
        <source>not found: set SERVEPLAN_PROBE or install serveplan-probe</source>
        <translation>未找到：请设置 SERVEPLAN_PROBE 或安装 serveplan-probe</translation>
    </message>
    <message>
        <source>Match the device</source>
        <translation>按设备匹配</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>The probe&apos;s default (Llama-2-7B)</source>
        <translation>探测程序默认（Llama-2-7B）</translation>
    </message>
    <message>
        <source>serveplan-probe was not found: set SERVEPLAN_PROBE or install serveplan-probe.</source>
        <translation>未找到 serveplan-probe：请设置 SERVEPLAN_PROBE 或安装 serveplan-probe。</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>正在启动 %1…</translation>
    </message>
    <message>
        <source>waiting for the probe…</source>
        <translation>等待探测程序…</translation>
    </message>
    <message>
        <source>Quick run in progress.</source>
        <translation>快速运行进行中。</translation>
    </message>
    <message>
        <source>Full run in progress.</source>
        <translation>完整运行进行中。</translation>
    </message>
    <message>
        <source>CPU fallback: no usable GPU</source>
        <translation>CPU 回退：没有可用的 GPU</translation>
    </message>
    <message numerus="yes">
        <source>%n logical core(s)</source>
        <translation>
            <numerusform>%n 个逻辑核心</numerusform>
        </translation>
    </message>
    <message>
        <source>compute capability %1</source>
        <translation>计算能力 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n SM(s)</source>
        <translation>
            <numerusform>%n 个 SM</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>driver %1</source>
        <translation>驱动 %1</translation>
    </message>
    <message>
        <source>MIG %1</source>
        <translation>MIG %1</translation>
    </message>
    <message>
        <source>matches %1 (%2)</source>
        <translation>匹配 %1（%2）</translation>
    </message>
    <message>
        <source>no catalog GPU matches “%1”: the run is stored under that name; pick a GPU to store it for one of the catalog</source>
        <translation>目录中没有与“%1”匹配的 GPU：运行结果将以该名称保存；如需归入目录中的 GPU，请选择一个</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>%1: %2. Stored as run %3 for GPU %4.</source>
        <translation>%1：%2。已保存为 GPU %4 的第 %3 次运行。</translation>
    </message>
    <message>
        <source>%1: %2. Nothing was stored: %3</source>
        <translation>%1：%2。未保存任何内容：%3</translation>
    </message>
    <message>
        <source>%1: %2. Nothing was stored.</source>
        <translation>%1：%2。未保存任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) of the probe&apos;s output were not protocol lines and were skipped.</source>
        <translation>
            <numerusform>探测程序输出中有 %n 行不是协议行，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Store the factors fitted to this load test for its GPU and serving engine.</source>
        <translation>为该 GPU 和推理引擎保存根据此压测拟合的系数。</translation>
    </message>
    <message>
        <source>GPU “%1” is not in the catalog: import the run again for a catalog GPU.</source>
        <translation>GPU“%1”不在目录中：请为目录中的 GPU 重新导入该运行。</translation>
    </message>
    <message>
        <source>No calibration runs yet: run the probe or import a run.</source>
        <translation>还没有校准运行：请运行探测程序或导入一次运行。</translation>
    </message>
    <message>
        <source>No factors could be fitted for %1: %2</source>
        <translation>无法为 %1 拟合系数：%2</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 on %2 (%3): %n result(s).</source>
        <translation>
            <numerusform>第 %1 次运行，设备 %2（%3）：%n 个结果。</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>说明：%1</translation>
    </message>
    <message>
        <source>The probe&apos;s model is not in the catalog, so there is nothing to compare with.</source>
        <translation>探测程序所用模型不在目录中，无法对比。</translation>
    </message>
    <message>
        <source>Steps of %1 as the probe timed them (bare CUDA-graph replays, BF16, one GPU); “before” is the engine&apos;s generic efficiencies, “after” this run&apos;s factors.</source>
        <translation>%1 的步骤时间，由探测程序计时（裸 CUDA Graph 重放，BF16，单 GPU）；“校准前”使用引擎的通用效率，“校准后”使用本次运行的系数。</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Step time, predicted versus measured</source>
        <translation>步骤时间：预测与实测对比</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 on %n × %3 (tensor parallel %4), engine %5.</source>
        <translation>
            <numerusform>%1：%2，运行于 %n × %3（张量并行 %4），引擎 %5。</numerusform>
        </translation>
    </message>
    <message>
        <source>“Before” is the profile in use for %1 and %2; “after” uses the factors fitted to the load tests of this deployment (runs %3, above), which Apply stores.</source>
        <translation>“校准前”为 %1 与 %2 当前使用的配置；“校准后”使用根据该部署各次压测（第 %3 次运行）拟合的系数（见上），点击“应用”即保存。</translation>
    </message>
    <message>
        <source>No factors could be fitted to this load test: %1</source>
        <translation>无法根据此压测拟合系数：%1</translation>
    </message>
    <message>
        <source>No calibration is applied to %1 for %2: “after” equals “before”.</source>
        <translation>%1 在 %2 下未应用校准：“校准后”与“校准前”相同。</translation>
    </message>
    <message>
        <source>“After” uses the calibration applied to %1 for %2 (the factors above).</source>
        <translation>“校准后”使用 %1 在 %2 下已应用的校准（即上方系数）。</translation>
    </message>
    <message>
        <source>Load test, predicted versus measured</source>
        <translation>压测：预测与实测对比</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>第 %1 次运行：%2</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 applied to GPU %2 (engine %3): %n factor(s) in use; plans are updated.</source>
        <translation>
            <numerusform>第 %1 次运行已应用到 GPU %2（引擎 %3）：%n 个系数生效；方案已更新。</numerusform>
        </translation>
    </message>
    <message>
        <source>No calibration is applied to GPU %1 any more; plans are updated.</source>
        <translation>GPU %1 已不再应用校准；方案已更新。</translation>
    </message>
    <message>
        <source>Delete run %1 (%2, %3)? Its calibration is in use for %2 and will be removed too.</source>
        <translation>删除第 %1 次运行（%2，%3）？其校准正用于 %2，也将一并移除。</translation>
    </message>
    <message>
        <source>Delete run %1 (%2, %3)?</source>
        <translation>删除第 %1 次运行（%2，%3）？</translation>
    </message>
    <message>
        <source>Delete Calibration Run</source>
        <translation>删除校准运行</translation>
    </message>
    <message>
        <source>Run %1 deleted.</source>
        <translation>第 %1 次运行已删除。</translation>
    </message>
    <message>
        <source>Run %1 written to %2.</source>
        <translation>第 %1 次运行已写入 %2。</translation>
    </message>
    <message>
        <source>Import of %1 cancelled.</source>
        <translation>已取消导入 %1。</translation>
    </message>
    <message>
        <source>%1 imported as run %2.</source>
        <translation>%1 已导入为第 %2 次运行。</translation>
    </message>
    <message>
        <source>Import Calibration Run or Load Test</source>
        <translation>导入校准运行或压测结果</translation>
    </message>
    <message>
        <source>Calibration runs and load tests (*.json *.jsonl *.csv);;All files (*)</source>
        <translation>校准运行与压测结果 (*.json *.jsonl *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export Calibration Run</source>
        <translation>导出校准运行</translation>
    </message>
    <message>
        <source>Calibration runs (*.json)</source>
        <translation>校准运行 (*.json)</translation>
    </message>
    <message>
        <source>All-reduce bus bandwidth of the largest messages over the link&apos;s one-way peak; prices the tensor-parallel all-reduce</source>
        <translation>最大消息的 All-reduce 总线带宽与链路单向峰值之比；用于张量并行 all-reduce 的计算</translation>
    </message>
    <message>
        <source>Time of one all-reduce of an empty message among the measured GPUs (the alpha of a least-squares fit over the small messages)</source>
        <translation>在所测 GPU 之间做一次空消息 all-reduce 的时间（对小消息最小二乘拟合的 alpha）</translation>
    </message>
    <message>
        <source>All-to-all bus bandwidth of the largest messages over the link&apos;s one-way peak; prices the expert-parallel dispatch and combine</source>
        <translation>最大消息的 All-to-all 总线带宽与链路单向峰值之比；用于专家并行的分发与合并</translation>
    </message>
    <message>
        <source>Time of one all-to-all of an empty message among the measured GPUs (alpha)</source>
        <translation>在所测 GPU 之间做一次空消息 all-to-all 的时间（alpha）</translation>
    </message>
    <message>
        <source>Send/receive bandwidth of the largest messages over the link&apos;s one-way peak; prices the sends between pipeline stages</source>
        <translation>最大消息的发送/接收带宽与链路单向峰值之比；用于流水线各阶段之间的发送</translation>
    </message>
    <message>
        <source>Time of one send/receive of an empty message (alpha)</source>
        <translation>一次空消息发送/接收的时间（alpha）</translation>
    </message>
    <message>
        <source>GPUs in the measured collectives, over NVLink/NVSwitch: the collective factors apply to this GPU&apos;s layouts on NVLink inside one node</source>
        <translation>所测集合通信的 GPU 数量（经 NVLink/NVSwitch）：集合通信系数用于该 GPU 在单节点内经 NVLink 的布局</translation>
    </message>
    <message>
        <source>GPUs in the measured collectives, over PCIe: the collective factors apply to this GPU&apos;s layouts on PCIe inside one node</source>
        <translation>所测集合通信的 GPU 数量（经 PCIe）：集合通信系数用于该 GPU 在单节点内经 PCIe 的布局</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>块 GPU</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>fraction of the link&apos;s one-way peak</source>
        <translation>占链路单向峰值的比例</translation>
    </message>
    <message>
        <source>fraction of the catalog&apos;s peak</source>
        <translation>占目录峰值的比例</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::CatalogBrowser</name>
    <message>
        <source>Filter models (name, family, attention…)</source>
        <translation>筛选模型（名称、系列、注意力…）</translation>
    </message>
    <message>
        <source>models</source>
        <translation>个模型</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Filter GPUs (name, vendor, architecture…)</source>
        <translation>筛选 GPU（名称、厂商、架构…）</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <source>&amp;GPUs</source>
        <translation>GPU(&amp;G)</translation>
    </message>
    <message>
        <source>Filter instances (provider, type, region, GPU…)</source>
        <translation>筛选实例（云厂商、类型、地域、GPU…）</translation>
    </message>
    <message>
        <source>instances</source>
        <translation>个实例</translation>
    </message>
    <message>
        <source>&amp;Instances and prices</source>
        <translation>实例与价格(&amp;I)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 / %2 %3</translation>
    </message>
    <message>
        <source>Showing %1 of %2 %3</source>
        <translation>显示 %1 / %2 %3</translation>
    </message>
    <message>
        <source>Price &amp;History…</source>
        <translation>价格历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Every dated price of this instance and plan, and the one the planner uses</source>
        <translation>该实例在该计费方式下的每个带日期价格，以及规划器使用的那一个</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::CatalogWindow</name>
    <message>
        <source>ServePlan — Catalog</source>
        <translation>ServePlan — 目录</translation>
    </message>
    <message>
        <source>Catalog database</source>
        <translation>目录数据库</translation>
    </message>
    <message>
        <source>The catalog database cannot be opened and the built-in catalog is damaged:

%1

%2</source>
        <translation>无法打开目录数据库，且内置目录已损坏：

%1

%2</translation>
    </message>
    <message>
        <source>The catalog database cannot be opened, so ServePlan shows its built-in catalog. Your database was left as it is.

%1</source>
        <translation>无法打开目录数据库，ServePlan 将显示内置目录。您的数据库保持原样。

%1</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::CheckListPicker</name>
    <message>
        <source>Filter…</source>
        <translation>筛选…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Uncheck all (= %1)</source>
        <translation>全部取消勾选（= %1）</translation>
    </message>
    <message>
        <source>Nothing checked: %1</source>
        <translation>未勾选：%1</translation>
    </message>
    <message>
        <source>Checked: %1</source>
        <translation>已勾选：%1</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::CostChartView</name>
    <message>
        <source>&amp;Log scale</source>
        <translation>对数坐标(&amp;L)</translation>
    </message>
    <message>
        <source>Logarithmic cost axis</source>
        <translation>成本轴使用对数坐标</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>重置视图(&amp;R)</translation>
    </message>
    <message>
        <source>Show every curve (after zooming or panning)</source>
        <translation>显示全部曲线（缩放或平移之后）</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Save as &amp;Image or PDF…</source>
        <translation>另存为图片或 PDF(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Copy to Clipboard</source>
        <translation>复制到剪贴板(&amp;C)</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>At %1: %2, %3</source>
        <translation>在 %1：%2，%3</translation>
    </message>
    <message>
        <source>Per replica: %1; TTFT %2; TPOT %3</source>
        <translation>单副本：%1；首字延迟 %2；每token延迟 %3</translation>
    </message>
    <message>
        <source>GPU: %1</source>
        <translation>GPU：%1</translation>
    </message>
    <message>
        <source>Monthly cost versus request rate</source>
        <translation>月成本与请求速率</translation>
    </message>
    <message>
        <source>%1: unknown image type “%2” (expected png, jpg, pdf or svg)</source>
        <translation>%1：未知的图片类型“%2”（应为 png、jpg、pdf 或 svg）</translation>
    </message>
    <message>
        <source>%1: cannot write the chart</source>
        <translation>%1：无法写入图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;JPEG 图片 (*.jpg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>;;SVG drawing (*.svg)</source>
        <translation>;;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>cost-vs-qps.png</source>
        <translation>cost-vs-qps.png</translation>
    </message>
    <message>
        <source>Cannot export chart</source>
        <translation>无法导出图表</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::DetailsPane</name>
    <message>
        <source>⚠ Price age</source>
        <translation>⚠ 价格时效</translation>
    </message>
    <message>
        <source>undated: may be out of date</source>
        <translation>无日期：可能已过时</translation>
    </message>
    <message>
        <source>older than %1: may be out of date</source>
        <translation>早于 %1：可能已过时</translation>
    </message>
    <message>
        <source>⚠ Price source</source>
        <translation>⚠ 价格来源</translation>
    </message>
    <message>
        <source>flagged SUSPECT: check it before relying on it</source>
        <translation>标记为可疑 (SUSPECT)：使用前请核实</translation>
    </message>
    <message>
        <source>&amp;Memory</source>
        <translation>显存(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Latency vs load</source>
        <translation>延迟与负载(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Throughput vs batch</source>
        <translation>吞吐量与批大小(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Autoscaling day</source>
        <translation>自动伸缩日视图(&amp;A)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Pick a plan in the table or click a curve to see its details.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在表格中选择一个方案或点击一条曲线以查看详情。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Precision / engine</source>
        <translation>精度 / 推理引擎</translation>
    </message>
    <message>
        <source>Parallel layout</source>
        <translation>并行布局</translation>
    </message>
    <message>
        <source>Capacity per replica</source>
        <translation>单副本容量</translation>
    </message>
    <message>
        <source>Output per replica</source>
        <translation>单副本输出</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>Load after cache hits</source>
        <translation>缓存命中后的负载</translation>
    </message>
    <message>
        <source>Replicas / instances</source>
        <translation>副本 / 实例</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>TTFT p%1</source>
        <translation>首字延迟 (TTFT) p%1</translation>
    </message>
    <message>
        <source>TPOT p%1</source>
        <translation>每token延迟 (TPOT) p%1</translation>
    </message>
    <message>
        <source>Instance price</source>
        <translation>实例价格</translation>
    </message>
    <message>
        <source>%1/hour</source>
        <translation>%1/小时</translation>
    </message>
    <message>
        <source>Monthly cost</source>
        <translation>月成本</translation>
    </message>
    <message>
        <source>Cost per M output tokens</source>
        <translation>每百万输出 token 成本</translation>
    </message>
    <message>
        <source>Price date / source</source>
        <translation>价格日期 / 来源</translation>
    </message>
    <message>
        <source>Budget buys up to</source>
        <translation>预算最多可购买</translation>
    </message>
    <message>
        <source>With autoscaling</source>
        <translation>启用自动伸缩时</translation>
    </message>
    <message>
        <source>%1 (saves %2 %)</source>
        <translation>%1（节省 %2 %）</translation>
    </message>
    <message>
        <source>Autoscaling is off: turn it on under “Traffic over the day”.</source>
        <translation>自动伸缩已关闭：请在“全天流量”中开启。</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>Prefill and decode pools</source>
        <translation>预填充池与解码池</translation>
    </message>
    <message>
        <source>Prefill</source>
        <translation>预填充</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>并行布局</translation>
    </message>
    <message>
        <source>, MTP %1</source>
        <translation>，MTP %1</translation>
    </message>
    <message>
        <source>Weights per GPU</source>
        <translation>每 GPU 权重</translation>
    </message>
    <message>
        <source>KV cache per GPU</source>
        <translation>每 GPU KV 缓存</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>TTFT %1</source>
        <translation>TTFT %1</translation>
    </message>
    <message>
        <source>TPOT %1</source>
        <translation>TPOT %1</translation>
    </message>
    <message>
        <source>KV transfer per prompt: %1 (%2), included in the TTFT.</source>
        <translation>每个提示词的 KV 传输：%1（%2），已计入 TTFT。</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>Multi-token prediction</source>
        <translation>多 token 预测</translation>
    </message>
    <message>
        <source>%1 draft token(s), acceptance %2 %</source>
        <translation>%1 个草稿 token，接受率 %2 %</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::DocumentActions</name>
    <message>
        <source>ServePlan scenarios (*.serveplan);;All files (*)</source>
        <translation>ServePlan 场景 (*.serveplan);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>Cannot open scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>The scenario was not opened; the current one is unchanged.

%1</source>
        <translation>场景未打开；当前场景保持不变。

%1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Save Scenario As</source>
        <translation>场景另存为</translation>
    </message>
    <message>
        <source>Cannot save scenario</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::InstanceDialog</name>
    <message>
        <source>Add Instance</source>
        <translation>添加实例</translation>
    </message>
    <message>
        <source>GPU id or name, e.g. h100-sxm</source>
        <translation>GPU 标识或名称，例如 h100-sxm</translation>
    </message>
    <message>
        <source>On-premises (owned hardware)</source>
        <translation>本地部署（自有硬件）</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>云厂商(&amp;P)：</translation>
    </message>
    <message>
        <source>Instance &amp;type:</source>
        <translation>实例类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>地域(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;GPU:</source>
        <translation>GPU(&amp;G)：</translation>
    </message>
    <message>
        <source>GPU &amp;count:</source>
        <translation>GPU 数量(&amp;C)：</translation>
    </message>
    <message>
        <source>Pricing p&amp;lan:</source>
        <translation>计费方式(&amp;L)：</translation>
    </message>
    <message>
        <source>Pr&amp;ice:</source>
        <translation>价格(&amp;I)：</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>币种(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::LoadTestSetupDialog</name>
    <message>
        <source>Load Test Deployment</source>
        <translation>压测部署</translation>
    </message>
    <message numerus="yes">
        <source>A vllm bench serve result: %n completed request(s)</source>
        <translation>
            <numerusform>vllm bench serve 结果：完成 %n 个请求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A Locust stats file: %n completed request(s)</source>
        <translation>
            <numerusform>Locust 统计文件：完成 %n 个请求</numerusform>
        </translation>
    </message>
    <message>
        <source>, model “%1”</source>
        <translation>，模型“%1”</translation>
    </message>
    <message>
        <source>. Locust does not record token counts: give the mean prompt and answer lengths.</source>
        <translation>。Locust 不记录 token 数：请填写平均提示长度和回答长度。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 token</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>Serving &amp;engine:</source>
        <translation>推理引擎(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;GPU:</source>
        <translation>GPU(&amp;G)：</translation>
    </message>
    <message>
        <source>GPU &amp;count:</source>
        <translation>GPU 数量(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Tensor parallel:</source>
        <translation>张量并行(&amp;T)：</translation>
    </message>
    <message>
        <source>Mean &amp;prompt length:</source>
        <translation>平均提示长度(&amp;P)：</translation>
    </message>
    <message>
        <source>Mean &amp;answer length:</source>
        <translation>平均回答长度(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::MainWindow</name>
    <message>
        <source>&amp;Cost vs load</source>
        <translation>成本与负载(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;atalog</source>
        <translation>目录(&amp;A)</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Plan Details</source>
        <translation>方案详情</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Report as PDF…</source>
        <translation>PDF 报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>&amp;Plans as CSV…</source>
        <translation>方案 CSV 表格(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Chart…</source>
        <translation>图表(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export Chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>cost-vs-load.png</source>
        <translation>cost-vs-load.png</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;PDF 文档 (*.pdf);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Cannot export chart</source>
        <translation>无法导出图表</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy Chart</source>
        <translation>复制图表(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Plan Now</source>
        <translation>立即规划(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Stop Planning</source>
        <translation>停止规划(&amp;S)</translation>
    </message>
    <message>
        <source>Price &amp;Editor…</source>
        <translation>价格编辑器(&amp;E)…</translation>
    </message>
    <message>
        <source>Add &amp;Model…</source>
        <translation>添加模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Add &amp;GPU…</source>
        <translation>添加 GPU(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Calibration…</source>
        <translation>校准(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ServePlan</source>
        <translation>关于 ServePlan(&amp;A)</translation>
    </message>
    <message>
        <source>About ServePlan</source>
        <translation>关于 ServePlan</translation>
    </message>
    <message>
        <source>&lt;b&gt;ServePlan %1&lt;/b&gt;&lt;p&gt;Plans LLM inference deployments: memory fit, speed, SLO-aware capacity and monthly cost.&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;b&gt;ServePlan %1&lt;/b&gt;&lt;p&gt;规划大模型推理部署：显存容量、速度、满足 SLO 的容量和月成本。&lt;/p&gt;&lt;p&gt;GPL-3.0-or-later。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Planning…</source>
        <translation>正在规划…</translation>
    </message>
    <message>
        <source>Cannot plan: %1</source>
        <translation>无法规划：%1</translation>
    </message>
    <message>
        <source>Planning stopped; the plans shown are from the last finished pass.</source>
        <translation>规划已停止；显示的是上一次完成的规划结果。</translation>
    </message>
    <message>
        <source>Pick at least one model to plan.</source>
        <translation>请至少选择一个模型进行规划。</translation>
    </message>
    <message>
        <source>Plans: %1, of which %2 work; %3 candidates evaluated in %4 ms</source>
        <translation>方案：%1 个，其中 %2 个可行；在 %4 毫秒内评估了 %3 个候选</translation>
    </message>
    <message>
        <source>Export needs a finished planning result.</source>
        <translation>需要一次已完成的规划结果才能导出。</translation>
    </message>
    <message>
        <source>Export waits for the running planning pass to finish.</source>
        <translation>正在规划，规划完成后才能导出。</translation>
    </message>
    <message>
        <source>%1[*] — ServePlan</source>
        <translation>%1[*] — ServePlan</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>清空菜单(&amp;C)</translation>
    </message>
    <message>
        <source>Catalog database</source>
        <translation>目录数据库</translation>
    </message>
    <message>
        <source>&amp;Catalog</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <source>Update &amp;Prices…</source>
        <translation>更新价格(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::PlansView</name>
    <message>
        <source>Only plans that &amp;work</source>
        <translation>只显示可行的方案(&amp;W)</translation>
    </message>
    <message>
        <source>Filter plans (model, provider, GPU, …)</source>
        <translation>筛选方案（模型、云厂商、GPU…）</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <source>Showing %1 of %2 plans</source>
        <translation>显示 %1 / %2 个方案</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::PreferencesDialog</name>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Prices dated longer ago than this are marked ⚠ in the catalog, the plan details and the report&apos;s price sources.</source>
        <translation>早于此期限的价格在目录、方案详情和报告的价格来源中标记为 ⚠。</translation>
    </message>
    <message>
        <source>Mark prices older than:</source>
        <translation>标记早于此期限的价格：</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>730 hours (8760 / 12, cloud billing)</source>
        <translation>730 小时（8760 / 12，云厂商计费惯例）</translation>
    </message>
    <message>
        <source>720 hours (30 days)</source>
        <translation>720 小时（30 天）</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>币种(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Hours per month:</source>
        <translation>每月小时数(&amp;H)：</translation>
    </message>
    <message>
        <source>Some labels change language only after a restart.</source>
        <translation>部分标签需重启后才会切换语言。</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>USD per unit</source>
        <translation>每单位折合美元</translation>
    </message>
    <message>
        <source>Add Rate</source>
        <translation>添加汇率</translation>
    </message>
    <message>
        <source>Remove Rate</source>
        <translation>删除汇率</translation>
    </message>
    <message>
        <source>Exchange rates that override the catalog&apos;s:</source>
        <translation>覆盖目录中汇率的自定义汇率：</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::PriceEditorDialog</name>
    <message>
        <source>Price Editor</source>
        <translation>价格编辑器</translation>
    </message>
    <message>
        <source>Filter by provider, instance, region or GPU</source>
        <translation>按云厂商、实例、地域或 GPU 筛选</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Instance type</source>
        <translation>实例类型</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Entered by you</source>
        <translation>由您录入</translation>
    </message>
    <message>
        <source>&amp;Add Instance…</source>
        <translation>添加实例(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>导入 CSV(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message numerus="yes">
        <source>%n price(s)</source>
        <translation>
            <numerusform>%n 个价格</numerusform>
        </translation>
    </message>
    <message>
        <source>A price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>Saved the new price of %1.</source>
        <translation>已保存 %1 的新价格。</translation>
    </message>
    <message>
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <source>Imported %1 new and %2 updated price(s), %3 new instance(s).</source>
        <translation>已导入 %1 个新价格、更新 %2 个价格，新增 %3 个实例。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n price(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个价格导出到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Prices</source>
        <translation>导入价格</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export Prices</source>
        <translation>导出价格</translation>
    </message>
    <message>
        <source>Cannot read %1: no such file</source>
        <translation>无法读取 %1：文件不存在</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking every row of %1…</source>
        <translation>正在检查 %1 的每一行…</translation>
    </message>
    <message>
        <source>Writing the prices of %1…</source>
        <translation>正在写入 %1 的价格…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>导入已取消；未导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s); nothing was imported.</source>
        <translation>
            <numerusform>%n 个问题；未导入任何内容。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>serveplan::ui::PriceHistoryDialog</name>
    <message>
        <source>Price History — %1</source>
        <translation>价格历史 — %1</translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>计费方式(&amp;P)：</translation>
    </message>
    <message>
        <source>the newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>No %1 price is stored for this instance.</source>
        <translation>该实例没有存储%1价格。</translation>
    </message>
    <message>
        <source>Dated prices: %1. None is dated on or before %2, so the planner has no %3 price.</source>
        <translation>带日期价格：%1 条。没有一条的日期在 %2 当天或之前，因此规划器没有%3价格。</translation>
    </message>
    <message>
        <source>Dated prices: %1. The planner uses the marked one for the price date (%2).</source>
        <translation>带日期价格：%1 条。规划器在价格日期（%2）使用标记的那一条。</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::ReportExporter</name>
    <message>
        <source>PDF report, A4 paper (*.pdf)</source>
        <translation>PDF 报告，A4 纸 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF report, US Letter paper (*.pdf)</source>
        <translation>PDF 报告，美式 Letter 纸 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 with byte-order mark, for spreadsheets (*.csv)</source>
        <translation>CSV，带 BOM 的 UTF-8，适合 Excel 等表格软件 (*.csv)</translation>
    </message>
    <message>
        <source>CSV, plain UTF-8 (*.csv)</source>
        <translation>CSV，不带 BOM 的 UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export Report as PDF</source>
        <translation>导出 PDF 报告</translation>
    </message>
    <message>
        <source>Cannot export the report</source>
        <translation>无法导出报告</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <source>Export Plans as CSV</source>
        <translation>导出方案 CSV 表格</translation>
    </message>
    <message>
        <source>Cannot export the plans</source>
        <translation>无法导出方案</translation>
    </message>
    <message>
        <source>Plans written to %1 and %2</source>
        <translation>方案已写入 %1 和 %2</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::ScenarioDocument</name>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::ScenarioPanel</name>
    <message>
        <source>Untitled scenario</source>
        <translation>未命名场景</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>重命名场景</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>pick at least one model</source>
        <translation>请至少选择一个模型</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>显存</translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation>带宽</translation>
    </message>
    <message>
        <source>any GPU</source>
        <translation>任意 GPU</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>every provider</source>
        <translation>所有云厂商</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>every region</source>
        <translation>所有地域</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>GPUs</source>
        <translation>GPU 数</translation>
    </message>
    <message>
        <source>On-demand</source>
        <translation>按量付费</translation>
    </message>
    <message>
        <source>every instance</source>
        <translation>所有实例</translation>
    </message>
    <message>
        <source>Also consider &amp;MIG slices of MIG-capable GPUs</source>
        <translation>同时考虑支持 MIG 的 GPU 的 MIG 切片(&amp;M)</translation>
    </message>
    <message>
        <source>Allow replicas across &amp;several instances</source>
        <translation>允许副本跨多个实例(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Models:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;GPUs:</source>
        <translation>GPU(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Providers:</source>
        <translation>云厂商(&amp;P)：</translation>
    </message>
    <message>
        <source>Re&amp;gions:</source>
        <translation>地域(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Instances:</source>
        <translation>实例(&amp;I)：</translation>
    </message>
    <message>
        <source>Change models</source>
        <translation>更改模型</translation>
    </message>
    <message>
        <source>Change GPUs</source>
        <translation>更改 GPU</translation>
    </message>
    <message>
        <source>Change providers</source>
        <translation>更改云厂商</translation>
    </message>
    <message>
        <source>Change regions</source>
        <translation>更改地域</translation>
    </message>
    <message>
        <source>Change instances</source>
        <translation>更改实例</translation>
    </message>
    <message>
        <source>Toggle MIG slices</source>
        <translation>切换 MIG 切片</translation>
    </message>
    <message>
        <source>Use applied &amp;calibrations</source>
        <translation>使用已应用的校准(&amp;C)</translation>
    </message>
    <message>
        <source>Plan with the calibrations applied to the GPUs (Tools ▸ Calibration: probe runs and load tests on your own hardware); off = the engines&apos; default profiles on every GPU.</source>
        <translation>使用已应用于 GPU 的校准进行规划（工具 ▸ 校准：在您自己的硬件上的探测运行和负载测试）；关闭 = 所有 GPU 均使用引擎的默认配置。</translation>
    </message>
    <message>
        <source>Toggle calibrations</source>
        <translation>切换校准</translation>
    </message>
    <message>
        <source>Toggle multi-instance replicas</source>
        <translation>切换多实例副本</translation>
    </message>
    <message>
        <source>Precision and engine</source>
        <translation>精度与推理引擎</translation>
    </message>
    <message>
        <source>Consider weights in %1</source>
        <translation>考虑 %1 权重</translation>
    </message>
    <message>
        <source>Change precisions</source>
        <translation>更改精度</translation>
    </message>
    <message>
        <source>Weight precisions:</source>
        <translation>权重精度：</translation>
    </message>
    <message>
        <source>16-bit (BF16)</source>
        <translation>16 位 (BF16)</translation>
    </message>
    <message>
        <source>&amp;KV cache:</source>
        <translation>KV 缓存(&amp;K)：</translation>
    </message>
    <message>
        <source>Change KV cache precision</source>
        <translation>更改 KV 缓存精度</translation>
    </message>
    <message>
        <source>Change engines</source>
        <translation>更改推理引擎</translation>
    </message>
    <message>
        <source>Serving engines:</source>
        <translation>推理引擎：</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>负载</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source> req/s</source>
        <translation> 请求/秒</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of requests answered by a response cache (they need no GPU)</source>
        <translation>由响应缓存直接应答的请求比例（无需 GPU）</translation>
    </message>
    <message>
        <source>Pre&amp;set:</source>
        <translation>预设(&amp;S)：</translation>
    </message>
    <message>
        <source>Prompt &amp;length (mean):</source>
        <translation>提示词长度（平均）(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Output length (mean):</source>
        <translation>输出长度（平均）(&amp;O)：</translation>
    </message>
    <message>
        <source>Peak re&amp;quest rate:</source>
        <translation>峰值请求速率(&amp;Q)：</translation>
    </message>
    <message>
        <source>Cache &amp;hit rate:</source>
        <translation>缓存命中率(&amp;H)：</translation>
    </message>
    <message>
        <source>Choose workload preset</source>
        <translation>选择负载预设</translation>
    </message>
    <message>
        <source>Change prompt length</source>
        <translation>更改提示词长度</translation>
    </message>
    <message>
        <source>Change output length</source>
        <translation>更改输出长度</translation>
    </message>
    <message>
        <source>Change request rate</source>
        <translation>更改请求速率</translation>
    </message>
    <message>
        <source>Change cache hit rate</source>
        <translation>更改缓存命中率</translation>
    </message>
    <message>
        <source>Latency targets (SLO)</source>
        <translation>延迟目标 (SLO)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <source>p%1</source>
        <translation>p%1</translation>
    </message>
    <message>
        <source>&amp;Time to first token:</source>
        <translation>首字延迟 (TTFT)(&amp;T)：</translation>
    </message>
    <message>
        <source>Time &amp;per output token:</source>
        <translation>每token延迟 (TPOT)(&amp;P)：</translation>
    </message>
    <message>
        <source>Percen&amp;tile:</source>
        <translation>百分位(&amp;T)：</translation>
    </message>
    <message>
        <source>Change TTFT target</source>
        <translation>更改首字延迟目标</translation>
    </message>
    <message>
        <source>Change TPOT target</source>
        <translation>更改每token延迟目标</translation>
    </message>
    <message>
        <source>Change SLO percentile</source>
        <translation>更改 SLO 百分位</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>730 h (cloud convention)</source>
        <translation>730 小时（云厂商惯例）</translation>
    </message>
    <message>
        <source>720 h (24 × 30)</source>
        <translation>720 小时（24 × 30）</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>无预算</translation>
    </message>
    <message>
        <source>Pricing p&amp;lan:</source>
        <translation>计费方式(&amp;L)：</translation>
    </message>
    <message>
        <source>C&amp;urrency:</source>
        <translation>币种(&amp;U)：</translation>
    </message>
    <message>
        <source>Hours per mont&amp;h:</source>
        <translation>每月小时数(&amp;H)：</translation>
    </message>
    <message>
        <source>Monthly &amp;budget:</source>
        <translation>月预算(&amp;B)：</translation>
    </message>
    <message>
        <source>Change pricing plan</source>
        <translation>更改计费方式</translation>
    </message>
    <message>
        <source>/month</source>
        <translation>/月</translation>
    </message>
    <message>
        <source>Change currency</source>
        <translation>更改币种</translation>
    </message>
    <message>
        <source>Change hours per month</source>
        <translation>更改每月小时数</translation>
    </message>
    <message>
        <source>Change budget</source>
        <translation>更改预算</translation>
    </message>
    <message>
        <source>Traffic over the day</source>
        <translation>全天流量</translation>
    </message>
    <message>
        <source>Simulate &amp;autoscaling over the profile</source>
        <translation>按流量曲线模拟自动伸缩(&amp;A)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Pro&amp;file:</source>
        <translation>曲线(&amp;F)：</translation>
    </message>
    <message>
        <source>Min replicas:</source>
        <translation>最少副本数：</translation>
    </message>
    <message>
        <source>Max replicas:</source>
        <translation>最多副本数：</translation>
    </message>
    <message>
        <source>Change traffic profile</source>
        <translation>更改流量曲线</translation>
    </message>
    <message>
        <source>Toggle autoscaling</source>
        <translation>切换自动伸缩</translation>
    </message>
    <message>
        <source>Change minimum replicas</source>
        <translation>更改最少副本数</translation>
    </message>
    <message>
        <source>Change maximum replicas</source>
        <translation>更改最多副本数</translation>
    </message>
    <message>
        <source>%1 B (%2 B active)</source>
        <translation>%1 B（激活 %2 B）</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 GB/s</source>
        <translation>%1 GB/s</translation>
    </message>
    <message>
        <source>MIG: up to %1 slices</source>
        <translation>MIG：最多 %1 个切片</translation>
    </message>
    <message>
        <source>%1 %2/h</source>
        <translation>%1 %2/小时</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>MoE: attention &amp;data-parallel + expert parallel layouts</source>
        <translation>MoE：注意力数据并行(&amp;D) + 专家并行布局</translation>
    </message>
    <message>
        <source>Also plan MoE models as DP8·EP8, TP4·DP2·EP8, … within an instance, and with experts spread over 2–18 instances where one instance is not enough.</source>
        <translation>同时以 DP8·EP8、TP4·DP2·EP8 等布局在单实例内规划 MoE 模型；单实例不够时，将专家分布到 2–18 个实例。</translation>
    </message>
    <message>
        <source>Toggle expert-parallel layouts</source>
        <translation>切换专家并行布局</translation>
    </message>
    <message>
        <source>Multi-token prediction with the model&apos;s MTP head (DeepSeek-R1): %1 draft token, acceptance %2 % (DeepSeek-V3 technical report: 85–90 %).</source>
        <translation>使用模型的 MTP 头进行多 token 预测（DeepSeek-R1）：%1 个草稿 token，接受率 %2 %（DeepSeek-V3 技术报告：85–90 %）。</translation>
    </message>
    <message>
        <source>&amp;MTP:</source>
        <translation>MTP(&amp;M)：</translation>
    </message>
    <message>
        <source>Change MTP</source>
        <translation>更改 MTP</translation>
    </message>
    <message>
        <source>Separate prefill and decode pools, sized for the SLOs; kept where cheaper than one kind of replica.</source>
        <translation>独立的预填充池与解码池，按 SLO 确定规模；仅在比单一副本类型更便宜时保留。</translation>
    </message>
    <message>
        <source>Prefill/decode &amp;pools:</source>
        <translation>预填充/解码池(&amp;P)：</translation>
    </message>
    <message>
        <source>Change disaggregation</source>
        <translation>更改预填充/解码分离</translation>
    </message>
    <message>
        <source>Show aggregated and disaggregated plans &amp;both</source>
        <translation>同时显示聚合与分离方案(&amp;B)</translation>
    </message>
    <message>
        <source>Toggle both serving modes</source>
        <translation>切换两种服务模式</translation>
    </message>
    <message>
        <source>Share of prompt tokens served from the engine&apos;s prefix cache (shared system prompts, earlier turns): they skip prefill</source>
        <translation>由引擎前缀缓存提供的提示词 token 比例（共享的系统提示词、之前的对话轮次）：这些 token 跳过预填充</translation>
    </message>
    <message>
        <source>Prefi&amp;x cache hit rate:</source>
        <translation>前缀缓存命中率(&amp;X)：</translation>
    </message>
    <message>
        <source>Change prefix cache hit rate</source>
        <translation>更改前缀缓存命中率</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::TrafficEditor</name>
    <message>
        <source>+%1 h</source>
        <translation>+%1 小时</translation>
    </message>
    <message>
        <source>Share of the peak request rate in each hour of the day, in percent</source>
        <translation>每小时请求速率占峰值的百分比</translation>
    </message>
</context>
<context>
    <name>serveplan::ui::UpdatePricesDialog</name>
    <message>
        <source>Update Prices</source>
        <translation>更新价格</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Public price interface: no key needed</source>
        <translation>公开价格接口：无需密钥</translation>
    </message>
    <message>
        <source>Key found (%1)</source>
        <translation>已找到密钥（%1）</translation>
    </message>
    <message>
        <source>Needs %1 (environment or keyring)</source>
        <translation>需要 %1（环境变量或密钥环）</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>云厂商</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>已变更</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变更</translation>
    </message>
    <message>
        <source>Vanished</source>
        <translation>已下架</translation>
    </message>
    <message>
        <source>The biggest changes appear here before anything is written.</source>
        <translation>写入之前，变化最大的价格会显示在这里。</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>获取(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel Fetch</source>
        <translation>取消获取</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>Pick at least one provider.</source>
        <translation>请至少选择一个云厂商。</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Fetching… nothing is written before Apply.</source>
        <translation>正在获取…点击“应用”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>fetching…</source>
        <translation>获取中…</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>ready: %1 instance types without a GPU skipped</source>
        <translation>就绪：已跳过 %1 个不带 GPU 的实例类型</translation>
    </message>
    <message>
        <source>%1: failed, its prices stay as they are: %2</source>
        <translation>%1：失败，其价格保持不变：%2</translation>
    </message>
    <message>
        <source>%1: biggest changes</source>
        <translation>%1：变化最大的价格</translation>
    </message>
    <message>
        <source>%1: %2 stored prices are no longer offered (kept)</source>
        <translation>%1：%2 个已存价格不再提供（已保留）</translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) to write. Apply or Discard.</source>
        <translation>
            <numerusform>%n 个价格待写入。请应用或放弃。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to write.</source>
        <translation>没有需要写入的内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) written.</source>
        <translation>
            <numerusform>已写入 %n 个价格。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) written; failed: %1</source>
        <translation>
            <numerusform>已写入 %n 个价格；失败：%1</numerusform>
        </translation>
    </message>
</context>
</TS>
