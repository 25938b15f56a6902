package org.peakpilot.power.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.power.internal.CarbonEmissionFlow;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The carbon-emission-flow method (碳排放流) for one network snapshot: nodal intensities and the conservation check. */
@RestController
@Tag(name = "power", description = "Electricity carbon and green power · 电碳图谱与绿电")
class PowerNetworkApi {

	@Schema(name = "PowerNetworkBranch", description = "A branch's active power flow · 支路有功潮流")
	record BranchFlow(@Schema(description = "Sending node · 送端节点", example = "N1") String from,
			@Schema(description = "Receiving node · 受端节点", example = "N2") String to,
			@Schema(description = "Active power from → to, MW (negative: the other way) · 有功功率（兆瓦，负值为反向）", example = "40") Double mw) {
	}

	@Schema(name = "PowerNetworkGenerator", description = "A generator's injection and intensity · 发电机出力与排放强度")
	record GeneratorInjection(@Schema(description = "Generator id · 机组编号", example = "G1") String id,
			@Schema(description = "Node · 所在节点", example = "N1") String node,
			@Schema(description = "Output, MW (≥ 0) · 出力（兆瓦）", example = "100") Double mw,
			@JsonProperty("g_per_kwh") @Schema(description = "Generation intensity, gCO2/kWh · 发电碳排放强度（克/千瓦时）", example = "800") Double gPerKwh) {
	}

	@Schema(name = "PowerNetworkLoad", description = "A load · 负荷")
	record NodeLoad(@Schema(description = "Node · 节点", example = "N3") String node,
			@Schema(description = "Load, MW (≥ 0) · 负荷（兆瓦）", example = "120") Double mw) {
	}

	@Schema(name = "PowerNetworkSnapshot", description = "One lossless power-flow snapshot · 一个无损潮流断面")
	record NetworkSnapshot(
			@ArraySchema(maxItems = CarbonEmissionFlow.MAX_NODES, schema = @Schema(description = "Node id · 节点编号", example = "N1")) List<String> nodes,
			@ArraySchema(maxItems = CarbonEmissionFlow.MAX_BRANCHES, schema = @Schema(implementation = BranchFlow.class)) List<BranchFlow> branches,
			@ArraySchema(maxItems = CarbonEmissionFlow.MAX_GENERATORS, schema = @Schema(implementation = GeneratorInjection.class)) List<GeneratorInjection> generators,
			@ArraySchema(maxItems = CarbonEmissionFlow.MAX_LOADS, schema = @Schema(implementation = NodeLoad.class)) List<NodeLoad> loads,
			@Schema(description = "Relative tolerance of the balance and conservation checks (default 1e-6, at most 0.01) · 平衡与守恒校验的相对容差", example = "0.000001") Double tolerance) {
	}

	@Schema(name = "PowerNodalIntensity", description = "A node's carbon intensity and load carbon · 节点碳势与负荷碳流")
	record NodalIntensity(@Schema(description = "Node · 节点", example = "N3") String node,
			@JsonProperty("g_per_kwh") @Schema(description = "Nodal intensity E_N, gCO2/kWh · 节点碳势（克/千瓦时）", example = "577.778") double gPerKwh,
			@JsonProperty("inflow_mw") @Schema(description = "Total inflow P_N (generation + branches in), MW · 节点总注入（兆瓦）") double inflowMw,
			@JsonProperty("load_mw") @Schema(description = "Load at the node, MW · 负荷（兆瓦）") double loadMw,
			@JsonProperty("load_kg_per_hour") @Schema(description = "Load carbon R_L = P_L·E_N, kgCO2/h · 负荷碳流率（千克/小时）") double loadKgPerHour) {
	}

	@Schema(name = "PowerBranchCarbon", description = "A branch's carbon flow rate · 支路碳流率")
	record BranchCarbonFlow(@Schema(description = "From · 送端") String from, @Schema(description = "To · 受端") String to,
			@Schema(description = "Active power, MW · 有功功率（兆瓦）") double mw,
			@JsonProperty("kg_per_hour") @Schema(description = "Carbon flow rate R_B = E_from·P_B, kgCO2/h · 碳流率（千克/小时）") double kgPerHour) {
	}

	@Schema(name = "PowerNetworkFlows", description = "Nodal intensities, carbon flows and the conservation check · 节点碳势、碳流与守恒校验")
	record NetworkFlows(List<NodalIntensity> nodes, List<BranchCarbonFlow> branches,
			@JsonProperty("generation_kg_per_hour") @Schema(description = "Σ generation carbon Σ P_G·E_G, kgCO2/h · 发电碳排放（千克/小时）") double generationKgPerHour,
			@JsonProperty("load_kg_per_hour") @Schema(description = "Σ load carbon Σ R_L, kgCO2/h · 负荷碳流合计（千克/小时）") double loadKgPerHour,
			@JsonProperty("relative_imbalance") @Schema(description = "|Σ load − Σ generation carbon| ÷ Σ generation carbon · 守恒相对偏差") double relativeImbalance,
			@Schema(description = "True: Σ load carbon = Σ generation carbon within the tolerance · 是否守恒") boolean conserved) {
	}

	@PostMapping(path = "/api/v1/power/network/flows", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "computeCarbonEmissionFlows", summary = "Carbon-emission-flow nodal intensities of a network snapshot · 电网断面的碳排放流节点碳势",
			description = """
					E_N = (P_N − P_Bᵀ)⁻¹ P_Gᵀ E_G (周天睿/康重庆 2012; Kang et al. 2015), R_B = diag(E_N)·P_B, R_L = P_L·E_N, with the check
					Σ load carbon = Σ generation carbon. A snapshot that is not lossless (a node unbalanced), does not conserve carbon or
					gives a singular matrix (a node without inflow) is refused with 422; bounds (≤ 200 nodes) with 400.
					按碳排放流方法计算节点碳势、支路碳流率与负荷碳流，并校验负荷碳流之和等于发电碳排放；节点不平衡、不守恒或矩阵奇异返回 422。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
			schema = @Schema(implementation = NetworkSnapshot.class), examples = @ExampleObject(name = "3-node example · 三节点算例", value = """
					{"nodes": ["N1", "N2", "N3"],
					 "branches": [{"from": "N1", "to": "N2", "mw": 40}, {"from": "N1", "to": "N3", "mw": 60}, {"from": "N2", "to": "N3", "mw": 60}],
					 "generators": [{"id": "G1", "node": "N1", "mw": 100, "g_per_kwh": 800}, {"id": "G2", "node": "N2", "mw": 50, "g_per_kwh": 0}],
					 "loads": [{"node": "N2", "mw": 30}, {"node": "N3", "mw": 120}]}""")))
	NetworkFlows flows(@RequestBody NetworkSnapshot s) {
		if (s == null) {
			throw new InvalidInputException("nodes", "a snapshot with nodes, branches, generators and loads");
		}
		var snapshot = new CarbonEmissionFlow.Snapshot(s.nodes(),
				s.branches() == null ? null : s.branches().stream().map(b -> b == null ? null : new CarbonEmissionFlow.Branch(b.from(), b.to(), d(b.mw()))).toList(),
				s.generators() == null ? null : s.generators().stream()
					.map(g -> g == null ? null : new CarbonEmissionFlow.Generator(g.id(), g.node(), d(g.mw()), d(g.gPerKwh()))).toList(),
				s.loads() == null ? null : s.loads().stream().map(l -> l == null ? null : new CarbonEmissionFlow.Load(l.node(), d(l.mw()))).toList(),
				s.tolerance());
		var f = CarbonEmissionFlow.compute(snapshot);
		return new NetworkFlows(
				f.nodes().stream().map(n -> new NodalIntensity(n.node(), n.gPerKwh(), n.inflowMw(), n.loadMw(), n.loadKgPerHour())).toList(),
				f.branches().stream().map(b -> new BranchCarbonFlow(b.from(), b.to(), b.mw(), b.kgPerHour())).toList(), f.generationKgPerHour(),
				f.loadKgPerHour(), f.relativeImbalance(), f.conserved());
	}

	private static double d(Double v) {
		return v == null ? Double.NaN : v;
	}
}
