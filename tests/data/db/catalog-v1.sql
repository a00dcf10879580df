-- A ServePlan catalog at schema version 1, written by hand for TestCatalogDb::migratesFromVersion1.
-- Version 1 had no user_entered flags on gpus/llm_models/instances, no on-prem or CPU-host columns and
-- no calibration tables. It holds one GPU, one model, one instance with a user-entered price, and a
-- price that the seed also has (aws g4dn.12xlarge us-east-1 on-demand, seed value 3.912).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
CREATE TABLE gpus (id TEXT PRIMARY KEY, vendor TEXT NOT NULL, name TEXT NOT NULL, architecture TEXT, form_factor TEXT, memory_gb REAL NOT NULL CHECK (memory_gb >= 0), memory_type TEXT, memory_bandwidth_gbps REAL NOT NULL CHECK (memory_bandwidth_gbps >= 0), fp32_tflops REAL, tf32_tflops REAL, fp16_tflops REAL, bf16_tflops REAL, fp8_tflops REAL, int8_tops REAL, int4_tops REAL, fp4_tflops REAL, sm_count INTEGER, boost_clock_mhz REAL, l2_cache_mb REAL, tdp_w REAL, interconnect TEXT, interconnect_gbps REAL, pcie_gen INTEGER, mig_max_instances INTEGER, release_year INTEGER, source_id INTEGER REFERENCES sources(id));
CREATE TABLE mig_profiles (gpu_id TEXT NOT NULL REFERENCES gpus(id) ON DELETE CASCADE, profile TEXT NOT NULL, instances_max INTEGER NOT NULL, memory_gb REAL NOT NULL, compute_fraction REAL NOT NULL CHECK (compute_fraction > 0 AND compute_fraction <= 1), PRIMARY KEY (gpu_id, profile));
CREATE TABLE llm_models (id TEXT PRIMARY KEY, family TEXT, name TEXT NOT NULL, hf_repo TEXT, params_b REAL NOT NULL, active_params_b REAL NOT NULL, architecture TEXT, num_layers INTEGER NOT NULL, hidden_size INTEGER NOT NULL, intermediate_size INTEGER, num_attention_heads INTEGER NOT NULL, num_kv_heads INTEGER NOT NULL, head_dim INTEGER NOT NULL, vocab_size INTEGER NOT NULL, max_position_embeddings INTEGER, tie_embeddings INTEGER NOT NULL DEFAULT 0, attention_type TEXT NOT NULL CHECK (attention_type IN ('MHA','GQA','MQA','MLA')), kv_lora_rank INTEGER, q_lora_rank INTEGER, qk_rope_head_dim INTEGER, qk_nope_head_dim INTEGER, v_head_dim INTEGER, num_experts INTEGER, num_experts_per_tok INTEGER, num_shared_experts INTEGER, moe_intermediate_size INTEGER, first_k_dense_layers INTEGER, native_dtype TEXT, source_id INTEGER REFERENCES sources(id));
CREATE TABLE providers (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE regions (provider_id TEXT NOT NULL REFERENCES providers(id) ON DELETE CASCADE, id TEXT NOT NULL, PRIMARY KEY (provider_id, id));
CREATE TABLE instances (id INTEGER PRIMARY KEY, provider_id TEXT NOT NULL, region_id TEXT NOT NULL, instance_type TEXT NOT NULL, gpu_name TEXT NOT NULL DEFAULT '', gpu_id TEXT REFERENCES gpus(id), gpu_count REAL NOT NULL CHECK (gpu_count >= 0), gpu_memory_gb_each REAL, vcpus INTEGER, memory_gib REAL, interconnect TEXT NOT NULL DEFAULT '', source_id INTEGER REFERENCES sources(id), UNIQUE (provider_id, instance_type, region_id), FOREIGN KEY (provider_id, region_id) REFERENCES regions(provider_id, id));
CREATE TABLE prices (instance_id INTEGER NOT NULL REFERENCES instances(id) ON DELETE CASCADE, plan TEXT NOT NULL CHECK (plan IN ('on_demand','spot','reserved_1y','reserved_3y','subscription_month')), amount REAL NOT NULL CHECK (amount >= 0), currency TEXT NOT NULL, unit TEXT NOT NULL CHECK (unit IN ('hour','month')), effective_date TEXT NOT NULL DEFAULT '', source_id INTEGER REFERENCES sources(id), user_entered INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (instance_id, plan));
CREATE TABLE fx_rates (currency TEXT NOT NULL, usd_per_unit REAL NOT NULL CHECK (usd_per_unit > 0), date TEXT NOT NULL DEFAULT '', source_id INTEGER REFERENCES sources(id), PRIMARY KEY (currency, date));
CREATE INDEX instances_gpu ON instances(gpu_id);
INSERT INTO meta (key, value) VALUES ('schema_version', '1');
INSERT INTO sources (id, text) VALUES (1, 'hand-written v1 fixture');
INSERT INTO sources (id, text) VALUES (2, 'my own quote from the reseller, 2025-01-15');
INSERT INTO gpus (id, vendor, name, memory_gb, memory_bandwidth_gbps, source_id) VALUES ('t4', 'NVIDIA', 'Tesla T4', 16, 320, 1);
INSERT INTO llm_models (id, family, name, params_b, active_params_b, num_layers, hidden_size, num_attention_heads, num_kv_heads, head_dim, vocab_size, attention_type, source_id) VALUES ('tiny-test-1b', 'Test', 'Tiny Test 1B', 1.1, 1.1, 16, 2048, 32, 8, 64, 32000, 'GQA', 1);
INSERT INTO providers (id, name) VALUES ('aws', 'aws');
INSERT INTO providers (id, name) VALUES ('myrack', 'My rack');
INSERT INTO regions (provider_id, id) VALUES ('aws', 'us-east-1');
INSERT INTO regions (provider_id, id) VALUES ('myrack', 'basement');
INSERT INTO instances (id, provider_id, region_id, instance_type, gpu_name, gpu_id, gpu_count, source_id) VALUES (1, 'aws', 'us-east-1', 'g4dn.12xlarge', 'T4', 't4', 4, 1);
INSERT INTO instances (id, provider_id, region_id, instance_type, gpu_name, gpu_id, gpu_count, source_id) VALUES (2, 'myrack', 'basement', 't4-box', 'T4', 't4', 2, 2);
INSERT INTO prices (instance_id, plan, amount, currency, unit, effective_date, source_id, user_entered) VALUES (1, 'on_demand', 4.5, 'USD', 'hour', '2024-01-01', 1, 0);
INSERT INTO prices (instance_id, plan, amount, currency, unit, effective_date, source_id, user_entered) VALUES (1, 'spot', 0.99, 'USD', 'hour', '2025-01-15', 2, 1);
INSERT INTO prices (instance_id, plan, amount, currency, unit, effective_date, source_id, user_entered) VALUES (2, 'subscription_month', 350, 'USD', 'month', '2025-01-15', 2, 1);
INSERT INTO fx_rates (currency, usd_per_unit, date, source_id) VALUES ('USD', 1, '', 1);
