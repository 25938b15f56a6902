package org.peakpilot.accounting.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.peakpilot.accounting.internal.Inventory.County;
import org.peakpilot.accounting.internal.Inventory.Figures;
import org.peakpilot.accounting.internal.Inventory.Industry;

/**
 * Statistical disclosure control for the city inventory: what a reader outside the city office may see of other
 * counties' enterprises. A figure built from fewer than {@code min} enterprises is withheld ("confidential") unless
 * all of them lie in the reader's own county (primary suppression). Where a total is shown beside its parts, the
 * withheld parts must not be recoverable by subtraction (secondary suppression):
 * <ol>
 * <li>in an industry row, the withheld county cells together must hold at least {@code min} enterprises, else
 * the smallest other visible cells of other counties are withheld too, else the industry total is withheld;</li>
 * <li>the industries whose total is withheld add up, with the enterprise total, to what their withheld cells hold
 * together: that too must be at least {@code min} enterprises, else more industry totals are withheld (first those
 * that withhold cells, then by withholding the smallest visible cell of another industry with its total), else
 * the enterprise total and the city totals are withheld.</li>
 * </ol>
 * Counts of reports and enterprises stay visible: the amounts are confidential, not the number of firms.
 */
final class Disclosure {

	private Disclosure() {
	}

	/**
	 * The inventory as a reader sees it whose own county is {@code ownCounty} ({@code null}: no county of its own).
	 * A city-wide reader gets the inventory unchanged; call this only for others.
	 */
	static Inventory apply(Inventory inv, int min, String ownCounty) {
		List<Row> rows = new ArrayList<>();
		for (Industry industry : inv.industries()) {
			rows.add(new Row(industry, ownCounty, min));
		}
		// 1. primary, and secondary within each industry row
		for (Row row : rows) {
			row.secure(min);
		}
		// 2. secondary across industries, against the enterprise total
		boolean grandWithheld = false;
		int derivable = rows.stream().filter(r -> r.totalWithheld).mapToInt(Row::withheldEnterprises).sum();
		while (derivable > 0 && derivable < min) {
			Row next = rows.stream().filter(r -> !r.totalWithheld && r.withheldEnterprises() > 0)
				.min(Comparator.comparingInt(Row::withheldEnterprises)).orElse(null);
			if (next == null) {
				next = rows.stream().filter(r -> !r.totalWithheld && r.smallestVisibleForeign() != null)
					.min(Comparator.comparingInt(r -> r.smallestVisibleForeign().enterprises)).orElse(null);
				if (next != null) {
					next.smallestVisibleForeign().withheld = true;
				}
			}
			if (next == null) {
				grandWithheld = true;
				break;
			}
			next.totalWithheld = true;
			derivable = rows.stream().filter(r -> r.totalWithheld).mapToInt(Row::withheldEnterprises).sum();
		}
		List<Industry> industries = rows.stream().map(Row::industry).toList();
		Figures enterprises = grandWithheld ? inv.enterprises().withheld() : inv.enterprises();
		return new Inventory(inv.year(), enterprises, industries, inv.pendingReports(), inv.sectors(),
				grandWithheld ? null : inv.cityTce(), grandWithheld ? null : inv.cityControlTce(),
				grandWithheld ? null : inv.cityCo2T(), inv.inputs(), inv.indicators(), inv.trackedByPlan(), inv.coverage(), min);
	}

	private static final class Cell {

		final County county;
		final boolean own;
		final int enterprises;
		boolean withheld;

		Cell(County county, String ownCounty) {
			this.county = county;
			this.own = Objects.equals(county.code(), ownCounty);
			this.enterprises = county.figures().enterprises();
		}
	}

	private static final class Row {

		final Industry industry;
		final List<Cell> cells = new ArrayList<>();
		boolean totalWithheld;

		Row(Industry industry, String ownCounty, int min) {
			this.industry = industry;
			for (County c : industry.counties()) {
				Cell cell = new Cell(c, ownCounty);
				cell.withheld = !cell.own && cell.enterprises < min;
				cells.add(cell);
			}
			// the industry total is itself an aggregate: below the threshold it is withheld unless all of it is own
			boolean allOwn = cells.stream().allMatch(c -> c.own);
			totalWithheld = !allOwn && industry.figures().enterprises() < min;
		}

		void secure(int min) {
			while (withheldEnterprises() > 0 && withheldEnterprises() < min && !totalWithheld) {
				Cell next = smallestVisibleForeign();
				if (next == null) {
					totalWithheld = true;
				}
				else {
					next.withheld = true;
				}
			}
		}

		int withheldEnterprises() {
			return cells.stream().filter(c -> c.withheld).mapToInt(c -> c.enterprises).sum();
		}

		Cell smallestVisibleForeign() {
			return cells.stream().filter(c -> !c.withheld && !c.own).min(Comparator.comparingInt(c -> c.enterprises))
				.orElse(null);
		}

		Industry industry() {
			List<County> counties = cells.stream()
				.map(c -> c.withheld ? c.county.with(c.county.figures().withheld()) : c.county).toList();
			return industry.with(totalWithheld ? industry.figures().withheld() : industry.figures(), counties);
		}
	}
}
