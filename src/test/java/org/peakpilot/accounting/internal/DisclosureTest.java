package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.peakpilot.Counties;
import org.peakpilot.accounting.internal.Inventory.County;
import org.peakpilot.accounting.internal.Inventory.Figures;
import org.peakpilot.accounting.internal.Inventory.Industry;

import static org.assertj.core.api.Assertions.assertThat;

/** The disclosure rule on made-up tables: primary suppression, and no withheld figure recoverable by subtraction. */
class DisclosureTest {

	static final String OWN = Counties.SHAWAN;

	@Test
	void aCellOfFewerThanThreeEnterprisesOutsideTheOwnCountyIsWithheldButTheOwnCountyNever() {
		Inventory inv = Disclosure.apply(inventory(industry("A", cell(OWN, 1), cell("B", 1)), industry("C", cell("B", 3), cell("C", 3))),
				3, OWN);
		assertThat(cell(inv, "A", OWN).confidential()).isFalse();
		assertThat(cell(inv, "A", "B").confidential()).isTrue();
		assertThat(cell(inv, "A", "B").co2T()).isNull();
		assertThat(cell(inv, "A", "B").enterprises()).isEqualTo(1);
		// the enterprise total − C's total would give A's (and A − own = B): one of C's cells goes with C's total
		assertThat(cell(inv, "C", "B").confidential()).isTrue();
		assertThat(total(inv, "C").confidential()).isTrue();
		assertThat(cell(inv, "C", "C").confidential()).isFalse();
		assertThat(inv.enterprises().confidential()).isFalse();
	}

	@Test
	void aSingleWithheldCellInARowTakesTheNextSmallestCellWithIt() {
		Inventory inv = Disclosure.apply(inventory(industry("A", cell("B", 1), cell("C", 5), cell("D", 4)),
				industry("E", cell("B", 3))), 3, OWN);
		assertThat(cell(inv, "A", "B").confidential()).isTrue();
		assertThat(cell(inv, "A", "D").confidential()).as("secondary: the smallest other cell").isTrue();
		assertThat(cell(inv, "A", "C").confidential()).isFalse();
		assertThat(total(inv, "A").confidential()).isFalse();
		assertThat(inv.enterprises().confidential()).isFalse();
	}

	@Test
	void whenNoOtherCellCanCoverAWithheldCellTheIndustryTotalAndAnotherIndustrysAreWithheld() {
		Inventory inv = Disclosure.apply(inventory(industry("A", cell(OWN, 2), cell("B", 1)), industry("E", cell("C", 4)),
				industry("F", cell("C", 9))), 3, OWN);
		assertThat(cell(inv, "A", "B").confidential()).isTrue();
		assertThat(total(inv, "A").confidential()).isTrue();
		// enterprise total − E − F would give A, and A − own = B: the smallest other cell and its total go too
		assertThat(cell(inv, "E", "C").confidential()).isTrue();
		assertThat(total(inv, "E").confidential()).isTrue();
		assertThat(total(inv, "F").confidential()).isFalse();
		assertThat(inv.enterprises().confidential()).isFalse();
	}

	@Test
	void whenNothingElseCanCoverItTheEnterpriseTotalIsWithheld() {
		Inventory inv = Disclosure.apply(inventory(industry("A", cell(OWN, 5), cell("B", 1))), 3, OWN);
		assertThat(total(inv, "A").confidential()).isTrue();
		assertThat(inv.enterprises().confidential()).isTrue();
		assertThat(inv.cityCo2T()).isNull();
	}

	@Test
	void noWithheldFigureCanBeRecoveredBySubtractionInRandomTables() {
		Random random = new Random(9);
		for (int run = 0; run < 2000; run++) {
			List<Industry> industries = new ArrayList<>();
			int rows = 1 + random.nextInt(5);
			for (int r = 0; r < rows; r++) {
				List<County> cells = new ArrayList<>();
				for (String county : List.of(OWN, "B", "C", "D")) {
					if (random.nextInt(3) > 0) {
						cells.add(cell(county, 1 + random.nextInt(random.nextBoolean() ? 2 : 6)));
					}
				}
				if (!cells.isEmpty()) {
					industries.add(industry("I" + r, cells.toArray(County[]::new)));
				}
			}
			if (industries.isEmpty()) {
				continue;
			}
			Inventory inv = Disclosure.apply(inventory(industries.toArray(Industry[]::new)), 3, OWN);
			int derivable = 0;
			for (Industry i : inv.industries()) {
				int withheld = i.counties().stream().filter(c -> c.figures().confidential()).mapToInt(c -> c.figures().enterprises()).sum();
				for (County c : i.counties()) {
					if (!c.code().equals(OWN) && c.figures().enterprises() < 3) {
						assertThat(c.figures().confidential()).as("run %d primary", run).isTrue();
					}
				}
				if (i.figures().confidential()) {
					derivable += withheld;
				}
				else {
					assertThat(withheld == 0 || withheld >= 3).as("run %d row %s: total − visible cells", run, i.code()).isTrue();
				}
			}
			if (!inv.enterprises().confidential()) {
				assertThat(derivable == 0 || derivable >= 3).as("run %d: enterprise total − visible totals", run).isTrue();
			}
		}
	}

	private static Figures cell(Inventory inv, String industry, String county) {
		return inv.industries().stream().filter(i -> i.code().equals(industry)).findFirst().orElseThrow().counties().stream()
			.filter(c -> c.code().equals(county)).findFirst().orElseThrow().figures();
	}

	private static Figures total(Inventory inv, String industry) {
		return inv.industries().stream().filter(i -> i.code().equals(industry)).findFirst().orElseThrow().figures();
	}

	private static County cell(String county, int enterprises) {
		return new County(county, county, figures(enterprises));
	}

	private static Industry industry(String code, County... counties) {
		int enterprises = 0;
		for (County c : counties) {
			enterprises += c.figures().enterprises();
		}
		return new Industry(code, code, code, figures(enterprises), List.of(counties));
	}

	private static Inventory inventory(Industry... industries) {
		int enterprises = 0;
		for (Industry i : industries) {
			enterprises += i.figures().enterprises();
		}
		BigDecimal total = BigDecimal.valueOf(enterprises * 10L);
		return new Inventory(2024, figures(enterprises), List.of(industries), 0, List.of(), total, total, total, List.of(),
				List.of(), true, null, 0);
	}

	private static Figures figures(int enterprises) {
		BigDecimal v = BigDecimal.valueOf(enterprises * 10L);
		return new Figures(enterprises, enterprises, v, v, v);
	}
}
