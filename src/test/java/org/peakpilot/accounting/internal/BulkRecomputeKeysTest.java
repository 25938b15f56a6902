package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peakpilot.accounting.Calculation.DefaultAssumed;
import org.peakpilot.accounting.Calculation.FactorUsed;
import org.peakpilot.accounting.Factor.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk recompute caches the stored lists (factor references, defaults) of its lines by string keys: two lists share
 * a key only when they would be stored alike, so no line is written with another list's ID.
 */
class BulkRecomputeKeysTest {

	static FactorUsed used(String code, int version, String value, String source) {
		return new FactorUsed(code, version, value == null ? null : new BigDecimal(value), "tCO2/t", source, Tag.VERIFIED_SECONDARY, true);
	}

	static DefaultAssumed assumed(String parameter, String value, String unit, String code, Integer version, String source) {
		return new DefaultAssumed(parameter, new BigDecimal(value), unit, code, version, source);
	}

	@Test
	void factorListsShareAKeyExactlyWhenTheirStoredReferencesAreEqual() {
		String key = BulkRecompute.factorsKey(List.of(used("COKE", 1, "2.86", "IPCC 2006")));
		// unit, source and tag are not stored with a line: the library holds them
		assertThat(BulkRecompute.factorsKey(List.of(used("COKE", 1, "2.86", "another source")))).isEqualTo(key);
		assertThat(BulkRecompute.factorsKey(List.of(used("COKE", 2, "2.86", "IPCC 2006")))).isNotEqualTo(key);
		// a value's scale is stored as written (2.860 prints as 2.860)
		assertThat(BulkRecompute.factorsKey(List.of(used("COKE", 1, "2.860", "IPCC 2006")))).isNotEqualTo(key);
		assertThat(BulkRecompute.factorsKey(List.of(used("COKE", 1, null, "IPCC 2006")))).isNotEqualTo(key);
		// lengths delimit the values: no two lists run into each other
		assertThat(BulkRecompute.factorsKey(List.of(used("A", 11, "1", "s")))).isNotEqualTo(BulkRecompute.factorsKey(List.of(used("A1", 1, "1", "s"))));
		assertThat(BulkRecompute.factorsKey(List.of(used("COKE", 1, "2.86", "s"), used("LPG", 1, "3.1", "s"))))
			.isNotEqualTo(BulkRecompute.factorsKey(List.of(used("LPG", 1, "3.1", "s"), used("COKE", 1, "2.86", "s"))));
	}

	@Test
	void defaultListsDifferingOnlyInTheirSourcesAreToldApartBySources() {
		List<DefaultAssumed> a = List.of(assumed("NCV", "26.7", "GJ/t", "COKE", 1, "GB/T 32151.8 附录B [VERIFIED_SECONDARY]"));
		List<DefaultAssumed> b = List.of(assumed("NCV", "26.7", "GJ/t", "COKE", 1, "另一来源 [UNVERIFIED]"));
		assertThat(BulkRecompute.defaultsKey(a, false)).isEqualTo(BulkRecompute.defaultsKey(b, false));
		assertThat(BulkRecompute.sameSources(a, b)).isFalse();
		assertThat(BulkRecompute.sameSources(a, List.copyOf(a))).isTrue();
		assertThat(BulkRecompute.defaultsKey(a, true)).isNotEqualTo(BulkRecompute.defaultsKey(b, true));
		// the key with sources never meets a key without
		assertThat(BulkRecompute.defaultsKey(List.of(), true)).isNotEqualTo(BulkRecompute.defaultsKey(List.of(), false));
	}

	@Test
	void defaultListsWithAnyOtherFieldDifferentHaveDifferentKeys() {
		DefaultAssumed d = assumed("oxidationRate", "0.98", null, "COKE", 1, "s");
		String key = BulkRecompute.defaultsKey(List.of(d), false);
		assertThat(BulkRecompute.defaultsKey(List.of(assumed("oxidationRate", "0.980", null, "COKE", 1, "s")), false)).isNotEqualTo(key);
		assertThat(BulkRecompute.defaultsKey(List.of(assumed("oxidationRate", "0.98", "null", "COKE", 1, "s")), false)).isNotEqualTo(key);
		assertThat(BulkRecompute.defaultsKey(List.of(assumed("oxidationRate", "0.98", null, "COKE", null, "s")), false)).isNotEqualTo(key);
		assertThat(BulkRecompute.defaultsKey(List.of(assumed("oxidationRate", "0.98", null, "LPG", 1, "s")), false)).isNotEqualTo(key);
		assertThat(BulkRecompute.defaultsKey(List.of(d, d), false)).isNotEqualTo(key);
	}
}
