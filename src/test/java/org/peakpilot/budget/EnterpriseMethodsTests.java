package org.peakpilot.budget;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.budget.BudgetAllocation.Comparison;
import org.peakpilot.budget.BudgetAllocation.Holder;
import org.peakpilot.budget.BudgetAllocation.HolderBudget;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.BudgetAllocation.Preview;
import org.peakpilot.budget.BudgetAllocation.Request;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Tco2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The enterprise methods of BUDGET-ADMISSION §3.1 ("Enterprises and parks") and the side-by-side comparison, on
 * small examples: the raw figures from the formula written here, the budgets by a largest-remainder split written
 * here (not the code under test). No Spring.
 */
public class EnterpriseMethodsTests {

	private final CarbonBudgets budgets = new CarbonBudgets();

	static BigDecimal d(String v) {
		return new BigDecimal(v);
	}

	static Holder enterprise(String code, String output, String benchmark, String historical, String emissions, String f, Integer days) {
		return new Holder(code, null, null, emissions == null ? null : Tco2.of(d(emissions)), null, null, null, null,
				output == null ? null : d(output), benchmark == null ? null : d(benchmark), historical == null ? null : d(historical),
				f == null ? null : d(f), days);
	}

	/** Hamilton's method written out independently: quotas at 40 digits, floors, the rest to the largest fractions. */
	public static List<BigDecimal> hamilton(BigDecimal amount, List<BigDecimal> raw, List<String> codes) {
		MathContext mc = new MathContext(40);
		BigDecimal sum = raw.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		List<BigDecimal> out = new ArrayList<>();
		List<BigDecimal> fraction = new ArrayList<>();
		BigDecimal given = BigDecimal.ZERO;
		for (BigDecimal r : raw) {
			BigDecimal quota = amount.multiply(r).divide(sum, mc);
			BigDecimal floor = quota.setScale(0, RoundingMode.FLOOR);
			out.add(floor);
			fraction.add(quota.subtract(floor));
			given = given.add(floor);
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.<Integer, BigDecimal>comparing(fraction::get).reversed().thenComparing(codes::get));
		for (int k = 0; k < amount.subtract(given).intValue(); k++) {
			out.set(order.get(k), out.get(order.get(k)).add(BigDecimal.ONE));
		}
		return out;
	}

	void assertBudgets(Preview p, BigDecimal amount, List<BigDecimal> raw) {
		List<String> codes = p.holders().stream().map(HolderBudget::code).toList();
		List<BigDecimal> expected = hamilton(amount, raw, codes);
		for (int i = 0; i < raw.size(); i++) {
			assertThat(p.holders().get(i).raw()).isEqualByComparingTo(raw.get(i));
			assertThat(p.holders().get(i).budget().value()).as(codes.get(i)).isEqualByComparingTo(expected.get(i));
		}
		assertThat(p.holders().stream().map(h -> h.budget().value()).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
	}

	@Test
	void outputTimesBenchmarkTimesFactorScaledIntoTheSubTotal() {
		// raw = output × benchmark × f: 1000 × 0.86 × 0.98 = 842.8; 400 × 1.52 × 1 = 608; 250 × 2.1 × 0.9 = 472.5
		Preview p = budgets.previewAllocation(new Request(Tco2.of(d("10000")), BigDecimal.ZERO, Method.OUTPUT_BENCHMARK, List.of(
				enterprise("A", "1000", "0.86", null, null, "0.98", null), enterprise("B", "400", "1.52", null, null, null, null),
				enterprise("C", "250", "2.1", null, null, "0.9", null))));
		assertBudgets(p, d("10000"), List.of(d("1000").multiply(d("0.86")).multiply(d("0.98")), d("400").multiply(d("1.52")),
				d("250").multiply(d("2.1")).multiply(d("0.9"))));
		// 10000 × 842.8 ÷ 1923.3 = 4382.05…, 3161.23…, 2456.70… → 4382, 3161, 2457
		assertThat(p.holders().stream().map(h -> h.budget().value().intValue()).toList()).containsExactly(4382, 3161, 2457);
	}

	@Test
	void historicalIntensityTimesOutputTimesFactor() {
		// raw = I_hist × output × f: 0.91 × 1200 × 0.97 = 1059.24; 1.4 × 300 = 420
		Preview p = budgets.previewAllocation(new Request(Tco2.of(d("1500")), BigDecimal.ZERO, Method.HISTORICAL_INTENSITY, List.of(
				enterprise("X", "1200", null, "0.91", null, "0.97", null), enterprise("Y", "300", null, "1.4", null, null, null))));
		assertBudgets(p, d("1500"), List.of(d("0.91").multiply(d("1200")).multiply(d("0.97")), d("1.4").multiply(d("300"))));
	}

	@Test
	void historicalEmissionsTimesFactorTimesDaysOver365() {
		// raw = E × f × days ÷ 365: 50000; 30000 × 0.95 × 73 ÷ 365 = 5700; 20000 × 1.1 = 22000; Σ 77700 into 70000 t
		Preview p = budgets.previewAllocation(new Request(Tco2.of(d("70000")), BigDecimal.ZERO, Method.HISTORICAL_EMISSIONS, List.of(
				enterprise("P", null, null, null, "50000", null, null), enterprise("Q", null, null, null, "30000", "0.95", 73),
				enterprise("R", null, null, null, "20000", "1.1", 365))));
		assertBudgets(p, d("70000"), List.of(d("50000"), d("30000").multiply(d("0.95")).multiply(d("73")).divide(d("365")),
				d("20000").multiply(d("1.1"))));
		// a year's fraction that 365 does not divide: 100 × 100 ÷ 365 at 16 digits, the budgets still exact
		Preview q = budgets.previewAllocation(new Request(Tco2.of(d("1000")), BigDecimal.ZERO, Method.HISTORICAL_EMISSIONS, List.of(
				enterprise("S", null, null, null, "100", null, 100), enterprise("T", null, null, null, "100", null, null))));
		assertThat(q.holders().get(0).budget().value().add(q.holders().get(1).budget().value())).isEqualByComparingTo("1000");
		// 1000 × (100 × 100/365) ÷ (100 × 100/365 + 100) = 215.05…: 215 t and 784.94… → 785 t
		assertThat(q.holders().get(0).budget().value()).isEqualByComparingTo("215");
		assertThat(q.holders().get(1).budget().value()).isEqualByComparingTo("785");
	}

	@Test
	void theEnterpriseMethodsNameWhatTheyMiss() {
		assertThatThrownBy(() -> budgets.previewAllocation(new Request(Tco2.of(d("100")), BigDecimal.ZERO, Method.OUTPUT_BENCHMARK,
				List.of(enterprise("A", null, "0.8", null, null, "-1", null), enterprise("B", "5", null, null, null, null, null)))))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(InputError::field)
				.contains("holders[0].output", "holders[0].control_factor", "holders[1].benchmark_t_per_unit"));
		assertThatThrownBy(() -> budgets.previewAllocation(new Request(Tco2.of(d("100")), BigDecimal.ZERO, Method.HISTORICAL_EMISSIONS,
				List.of(enterprise("A", null, null, null, "10", null, 400)))))
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(InputError::field).contains("holders[0].days"));
	}

	@Test
	void comparisonAnswersEachMethodAsThePreviewAndTheDifferences() {
		List<Holder> holders = List.of(
				new Holder("511102", Cny10k.of(d("6500000")), d("1150000"), Tco2.of(d("420000")), null, null, null, null),
				new Holder("511111", Cny10k.of(d("2400000")), d("420000"), Tco2.of(d("310000")), null, null, null, null),
				new Holder("511112", Cny10k.of(d("1800000")), d("330000"), Tco2.of(d("270000")), null, null, null, null));
		Request request = new Request(Tco2.of(d("1000000")), d("0.05"), null, holders);
		List<Method> methods = List.of(Method.GDP_SHARE, Method.POPULATION_SHARE, Method.GRANDFATHERING, Method.ENTROPY);
		Comparison c = budgets.compareAllocations(request, methods);
		assertThat(c.previews()).hasSize(4);
		for (int k = 0; k < methods.size(); k++) {
			Preview alone = budgets.previewAllocation(new Request(request.total(), request.reserveShare(), methods.get(k), holders));
			assertThat(c.previews().get(k)).isEqualTo(alone);
			for (int i = 0; i < 3; i++) {
				BudgetAllocation.MethodBudget mb = c.holders().get(i).budgets().get(k);
				assertThat(mb.method()).isEqualTo(methods.get(k));
				assertThat(mb.budget()).isEqualTo(alone.holders().get(i).budget());
				assertThat(mb.difference().value()).isEqualByComparingTo(alone.holders().get(i).budget().value()
					.subtract(c.previews().get(0).holders().get(i).budget().value()));
			}
		}
		// 511102 by GDP 577,103 t (ADR 0016's example); by population 950,000 × 1,150,000 ÷ 1,900,000 = 575,000 t
		assertThat(c.holders().get(0).budgets().get(0).budget().value()).isEqualByComparingTo("577103");
		assertThat(c.holders().get(0).budgets().get(1).budget().value()).isEqualByComparingTo("575000");
		assertThat(c.holders().get(0).budgets().get(1).difference().value()).isEqualByComparingTo("-2103");
		BigDecimal min = c.holders().get(0).budgets().stream().map(b -> b.budget().value()).min(BigDecimal::compareTo).orElseThrow();
		BigDecimal max = c.holders().get(0).budgets().stream().map(b -> b.budget().value()).max(BigDecimal::compareTo).orElseThrow();
		assertThat(c.holders().get(0).spread().value()).isEqualByComparingTo(max.subtract(min));
	}

	@Test
	void comparisonIsBoundedAndNamesTheMethodThatMissesAField() {
		List<Holder> holders = List.of(new Holder("A", Cny10k.of(d("1")), null, null, null, null, null, null));
		Request request = new Request(Tco2.of(d("10")), BigDecimal.ZERO, null, holders);
		assertThatThrownBy(() -> budgets.compareAllocations(request, List.of(Method.GDP_SHARE)))
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(InputError::field).containsExactly("methods"));
		assertThatThrownBy(() -> budgets.compareAllocations(request, List.of(Method.GDP_SHARE, Method.GDP_SHARE)))
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(InputError::field).containsExactly("methods[1]"));
		assertThatThrownBy(() -> budgets.compareAllocations(request, List.of(Method.values())))
			.satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting(InputError::field).containsExactly("methods"));
		assertThatThrownBy(() -> budgets.compareAllocations(request, List.of(Method.GDP_SHARE, Method.POPULATION_SHARE)))
			.satisfies(e -> assertThat(((InvalidInputException) e).errors())
				.containsExactly(InputError.field("holders[0].population", "POPULATION_SHARE: is required for this method")));
	}
}
