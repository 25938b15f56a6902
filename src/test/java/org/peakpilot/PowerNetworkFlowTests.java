package org.peakpilot;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.power.internal.CarbonEmissionFlow;
import org.peakpilot.power.internal.CarbonEmissionFlow.Branch;
import org.peakpilot.power.internal.CarbonEmissionFlow.Generator;
import org.peakpilot.power.internal.CarbonEmissionFlow.Load;
import org.peakpilot.power.internal.CarbonEmissionFlow.Snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The carbon-emission-flow method (E_N = (P_N − P_Bᵀ)⁻¹ P_Gᵀ E_G) on a 3-node example computed by hand.
 * <p>
 * Grid: G1 100 MW at 800 g/kWh on N1 (coal), G2 50 MW at 0 on N2 (hydro); branches N1→N2 40 MW, N1→N3 60 MW,
 * N2→N3 60 MW; loads N2 30 MW, N3 120 MW. Balance: N1 100 in = 40 + 60 out; N2 40 + 50 in = 60 out + 30 load; N3
 * 60 + 60 in = 120 load; Σ generation 150 = Σ load 150.
 * <p>
 * P_N = diag(100, 90, 120). Rows of (P_N − P_Bᵀ) E = P_Gᵀ E_G:
 * N1: 100·E1 = 100·800 → E1 = 800;
 * N2: 90·E2 − 40·E1 = 50·0 → E2 = 32,000 ÷ 90 = 355.556 (355.5̅);
 * N3: 120·E3 − 60·E1 − 60·E2 = 0 → E3 = (48,000 + 21,333.3̅) ÷ 120 = 577.778 (577.7̅).
 * Branch carbon R_B = E_from·P_B: N1→N2 32,000 kg/h, N1→N3 48,000, N2→N3 21,333.3̅.
 * Load carbon R_L: N2 30 × 355.5̅ = 10,666.6̅ kg/h; N3 120 × 577.7̅ = 69,333.3̅; Σ = 80,000 = Σ generation carbon
 * 100 × 800 + 50 × 0 = 80,000 kg/h: conserved.
 */
class PowerNetworkFlowTests {

	static Snapshot textbook(double loadN3) {
		return new Snapshot(List.of("N1", "N2", "N3"),
				List.of(new Branch("N1", "N2", 40), new Branch("N1", "N3", 60), new Branch("N2", "N3", 60)),
				List.of(new Generator("G1", "N1", 100, 800), new Generator("G2", "N2", 50, 0)),
				List.of(new Load("N2", 30), new Load("N3", loadN3)), null);
	}

	@Test
	void computesTheNodalIntensitiesOfTheThreeNodeExampleAsByHand() {
		var f = CarbonEmissionFlow.compute(textbook(120));
		assertThat(f.nodes().get(0).gPerKwh()).isCloseTo(800, within(1e-9));
		assertThat(f.nodes().get(1).gPerKwh()).isCloseTo(32000.0 / 90, within(1e-9));
		assertThat(f.nodes().get(2).gPerKwh()).isCloseTo(69333.333333 / 120, within(1e-6));
		assertThat(f.nodes().get(2).loadKgPerHour()).isCloseTo(69333.333, within(1e-3));
		assertThat(f.branches()).extracting(CarbonEmissionFlow.BranchCarbon::kgPerHour)
			.containsExactly(32000.0, 48000.0, 21333.333333333332);
		assertThat(f.generationKgPerHour()).isEqualTo(80000);
		assertThat(f.loadKgPerHour()).isCloseTo(80000, within(1e-6));
		assertThat(f.conserved()).isTrue();
	}

	@Test
	void aNegativeFlowRunsTheOtherWay() {
		var s = new Snapshot(List.of("N1", "N2", "N3"),
				List.of(new Branch("N2", "N1", -40), new Branch("N1", "N3", 60), new Branch("N3", "N2", -60)),
				List.of(new Generator("G1", "N1", 100, 800), new Generator("G2", "N2", 50, 0)), List.of(new Load("N2", 30), new Load("N3", 120)),
				null);
		assertThat(CarbonEmissionFlow.compute(s).nodes().get(2).gPerKwh()).isCloseTo(577.7777777, within(1e-6));
	}

	@Test
	void refusesASnapshotThatLosesPowerOrCarbon() {
		// N3's load of 110 leaves 10 MW unaccounted: not lossless, so carbon cannot be conserved
		assertThatThrownBy(() -> CarbonEmissionFlow.compute(textbook(110))).isInstanceOf(RuleViolationException.class)
			.hasMessageContaining("node N3 is not balanced");
	}

	@Test
	void refusesASingularNetwork() {
		// N4 has neither generation nor inflow: its row of (P_N − P_Bᵀ) is zero
		var s = new Snapshot(List.of("N1", "N4"), List.of(), List.of(new Generator("G1", "N1", 10, 800)), List.of(new Load("N1", 10)), null);
		assertThatThrownBy(() -> CarbonEmissionFlow.compute(s)).isInstanceOf(RuleViolationException.class).hasMessageContaining("singular at node N4");
	}

	@Test
	void refusesInputOutOfBounds() {
		var tooMany = new Snapshot(java.util.stream.IntStream.range(0, 201).mapToObj(i -> "N" + i).toList(), List.of(),
				List.of(new Generator("G", "N0", 1, 1)), List.of(), null);
		assertThatThrownBy(() -> CarbonEmissionFlow.compute(tooMany)).isInstanceOf(InvalidInputException.class);
		var unknownNode = new Snapshot(List.of("N1"), List.of(new Branch("N1", "X", 1)), List.of(new Generator("G", "N1", 1, Double.NaN)),
				List.of(), null);
		assertThatThrownBy(() -> CarbonEmissionFlow.compute(unknownNode)).isInstanceOfSatisfying(InvalidInputException.class,
				ex -> assertThat(ex.errors()).extracting(e -> e.field()).contains("branches[0].to", "generators[0].g_per_kwh"));
	}
}
