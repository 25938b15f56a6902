package org.peakpilot.accounting.internal;

import org.peakpilot.accounting.Factor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.peakpilot.accounting.Factor.Kind;
import org.peakpilot.accounting.Factor.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one "factor in force" rule, on a small library of versions (no values: the rule chooses by code, version,
 * effective period, region and year only). Every case is asked of the versions in two orders, as the database may
 * hand them over in any order.
 */
class FactorsInForceTest {

	static final List<Factor> LIBRARY = List.of(
			// A: v1 for 2020–2023, v2 from 2024 on
			version("A", 1, "2020-01-01", "2023-12-31"), version("A", 2, "2024-01-01", null),
			// B: one version from the middle of 2021 to the middle of 2022
			version("B", 1, "2021-07-01", "2022-06-30"),
			// C: v2 from 2023 on overlaps v1 (open-ended): the newer version wins where both apply
			version("C", 1, "2020-01-01", null), version("C", 2, "2023-01-01", null),
			// D: v1 for 2020–2022, v2 only from 2025: nothing in force in 2023 and 2024
			version("D", 1, "2020-01-01", "2022-12-31"), version("D", 2, "2025-01-01", null),
			// grid factors of 510000 for 2021, 2022 (two versions) and 2024 (two codes of the same year)
			grid("GRID-510000-2021", 1, "510000", 2021), grid("GRID-510000-2022", 1, "510000", 2022),
			grid("GRID-510000-2022", 2, "510000", 2022), grid("GRID-510000-2024", 1, "510000", 2024),
			grid("GRID-510000-2024-B", 1, "510000", 2024),
			// of another region; and a grid code whose newest version moved to 2026
			grid("GRID-500000-2023", 1, "500000", 2023), grid("GRID-440000-X", 1, "440000", 2020),
			grid("GRID-440000-X", 2, "440000", 2026));

	@ParameterizedTest(name = "{0} in {1}: version {2}")
	@CsvSource(nullValues = "none", value = {
			"A, 2019, none", "A, 2020, 1", "A, 2023, 1", "A, 2024, 2", "A, 2030, 2",
			"B, 2020, none", "B, 2021, 1", "B, 2022, 1", "B, 2023, none",
			"C, 2019, none", "C, 2022, 1", "C, 2023, 2",
			"D, 2021, 1", "D, 2022, 1", "D, 2023, none", "D, 2024, none", "D, 2025, 2",
			"UNKNOWN, 2024, none" })
	void theNewestVersionWhosePeriodTouchesTheYear(String code, int year, Integer version) {
		for (List<Factor> candidates : bothOrders()) {
			Optional<Factor> f = FactorsInForce.of(candidates).inForce(code, year);
			assertThat(f.map(Factor::version).orElse(null)).isEqualTo(version);
			f.ifPresent(v -> assertThat(v.code()).isEqualTo(code));
		}
	}

	@ParameterizedTest(name = "grid of {0} in {1}: {2} v{3}")
	@CsvSource(nullValues = "none", value = {
			"510000, 2020, none, none", "510000, 2021, GRID-510000-2021, 1", "510000, 2022, GRID-510000-2022, 2",
			// no factor of 2023: the latest earlier year's
			"510000, 2023, GRID-510000-2022, 2",
			// two of the same year: by code
			"510000, 2024, GRID-510000-2024, 1", "510000, 2030, GRID-510000-2024, 1",
			"500000, 2022, none, none", "500000, 2023, GRID-500000-2023, 1",
			// only the newest version of a grid factor counts: its year is 2026 now
			"440000, 2024, none, none", "440000, 2026, GRID-440000-X, 2",
			"999999, 2024, none, none" })
	void theGridFactorOfTheYearElseOfTheLatestEarlierYear(String region, int year, String code, Integer version) {
		for (List<Factor> candidates : bothOrders()) {
			Optional<Factor> f = FactorsInForce.of(candidates).grid(region, year);
			assertThat(f.map(Factor::code).orElse(null)).isEqualTo(code);
			assertThat(f.map(Factor::version).orElse(null)).isEqualTo(version);
		}
	}

	@ParameterizedTest(name = "in force in {0}: {1}")
	@CsvSource({
			"2019, GRID-440000-X/2 GRID-500000-2023/1 GRID-510000-2021/1 GRID-510000-2022/2 GRID-510000-2024/1 GRID-510000-2024-B/1",
			"2023, A/1 C/2 GRID-440000-X/2 GRID-500000-2023/1 GRID-510000-2021/1 GRID-510000-2022/2 GRID-510000-2024/1 GRID-510000-2024-B/1",
			"2025, A/2 C/2 D/2 GRID-440000-X/2 GRID-500000-2023/1 GRID-510000-2021/1 GRID-510000-2022/2 GRID-510000-2024/1 GRID-510000-2024-B/1" })
	void perCodeTheVersionInForceByCode(int year, String expected) {
		for (List<Factor> candidates : bothOrders()) {
			assertThat(FactorsInForce.of(candidates).all(year).stream().map(f -> f.code() + "/" + f.version()).toList())
				.containsExactly(expected.split(" "));
		}
	}

	private static List<List<Factor>> bothOrders() {
		List<Factor> reversed = new ArrayList<>(LIBRARY);
		Collections.reverse(reversed);
		return List.of(new ArrayList<>(LIBRARY), reversed);
	}

	private static Factor version(String code, int version, String from, String to) {
		return new Factor(code, version, Kind.PROCESS, code, code, null, "tCO2/t", "t", null, null, null, null, null, null, null,
				null, null, "test", Tag.UNTAGGED, LocalDate.parse(from), to == null ? null : LocalDate.parse(to), "test",
				Instant.EPOCH, null);
	}

	private static Factor grid(String code, int version, String region, int year) {
		return new Factor(code, version, Kind.GRID, code, code, null, "tCO2/MWh", "MWh", null, null, null, null, null, region, year,
				null, null, "test", Tag.UNTAGGED, LocalDate.of(2015, 1, 1), null, "test", Instant.EPOCH, null);
	}
}
