package org.peakpilot;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Fixtures.admin;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Read queries are bounded (docs/adr/0011): a list's limit is 1 to 1000 and a time range at most what its query
 * allows; beyond that a 400 problem names the parameter, at once, before any work.
 */
@PeakPilotTest
class QueryLimitsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void aListLimitAboveTheMaximumOrBelowOneIsRefusedNamingTheParameter() throws Exception {
		for (String path : new String[] { "/api/v1/monitoring/alarms", "/api/v1/monitoring/quarantine", "/api/v1/platform/audit" }) {
			for (String limit : new String[] { "1001", "0", "-5", "100000000" }) {
				mvc.perform(get(path).param("limit", limit).with(admin())).andExpect(status().isBadRequest())
					.andExpect(jsonPath("$.type").value("/problems/invalid-input"))
					.andExpect(jsonPath("$.errors[0].field").value("limit"));
			}
			mvc.perform(get(path).param("limit", "1000").with(admin())).andExpect(status().isOk());
		}
		mvc.perform(get("/api/v1/platform/audit").param("offset", "-1").with(admin())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("offset"));
	}

	@Test
	void gapsSinceNineteenHundredAreRefusedFastNamingFrom() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, new Fixtures(registry, accounts), EMEISHAN);
		long meter = e.intervalMeter("M-LIMITS", "ELECTRICITY", "kWh", 15, 100000, null);
		long started = System.nanoTime();
		mvc.perform(get("/api/v1/monitoring/meters/{id}/gaps", meter).param("from", "1900-01-01").with(basic(e.user)))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
		assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(1000);
		mvc.perform(get("/api/v1/monitoring/meters/{id}/gaps", meter).param("from", "2026-11-01").param("to", "2026-10-01")
			.with(basic(e.user))).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("to"));
		mvc.perform(get("/api/v1/monitoring/meters/{id}/gaps", meter).param("from", "2026-10-01").param("to", "2026-11-01")
			.with(basic(e.user))).andExpect(status().isOk());
	}

	@Test
	void extremeYearsDatesAndSpansInReadQueriesAreNeverAServerError() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, new Fixtures(registry, accounts), EMEISHAN);
		long meter = e.intervalMeter("M-EXTREME", "ELECTRICITY", "kWh", 15, 100000, null);
		long ent = e.id();
		String[] queries = { "/api/v1/monitoring/closings?year=999999999", "/api/v1/monitoring/closings?year=-1&month=13",
				"/api/v1/accounting/reports/overdue?year=999999999", "/api/v1/accounting/reports?year=-999999999",
				"/api/v1/accounting/results/999999999", "/api/v1/accounting/results/enterprises/" + ent + "/-1",
				"/api/v1/accounting/inventory/999999999", "/api/v1/accounting/inventory/inputs?year=-999999999",
				"/api/v1/monitoring/live?date=+999999999-12-31", "/api/v1/monitoring/live?date=-999999999-01-01",
				"/api/v1/monitoring/enterprises/" + ent + "/series?range=YEAR&date=+999999999-12-31",
				"/api/v1/monitoring/enterprises/" + ent + "/series?range=YEAR&grain=QUARTER&date=2026-01-01",
				"/api/v1/monitoring/meters/" + meter + "/curve?range=YEAR&date=+999999999-12-31",
				"/api/v1/monitoring/enterprises/" + ent + "/completeness?days=100000",
				"/api/v1/monitoring/enterprises/" + ent + "/daily-energy.xlsx?range=YEAR&date=-999999999-01-01",
				"/api/v1/monitoring/meters/" + meter + "/gaps?from=+999999999-12-31", "/api/v1/monitoring/meters/" + meter + "/series?from=0001-01-01&to=+999999999-12-31&grain=MONTH" };
		java.util.List<String> failed = new java.util.ArrayList<>();
		for (String q : queries) {
			try {
				int status = mvc.perform(get(q).with(admin())).andReturn().getResponse().getStatus();
				if (status >= 500) {
					failed.add(q + " → " + status);
				}
			}
			catch (Exception ex) {
				failed.add(q + " → " + ex.getClass().getSimpleName());
			}
		}
		assertThat(failed).isEmpty();
	}

	@Test
	void aMeterSeriesCoversAtMostItsGrainsSpan() throws Exception {
		MeteredEnterprise e = new MeteredEnterprise(mvc, new Fixtures(registry, accounts), EMEISHAN);
		long meter = e.intervalMeter("M-SPAN", "ELECTRICITY", "kWh", 15, 100000, null);
		mvc.perform(get("/api/v1/monitoring/meters/{id}/series", meter).param("grain", "QUARTER").param("from", "2026-01-01")
			.param("to", "2026-03-01").with(basic(e.user))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		mvc.perform(get("/api/v1/monitoring/meters/{id}/series", meter).param("grain", "DAY").param("from", "1900-01-01")
			.param("to", "2026-01-01").with(basic(e.user))).andExpect(status().isBadRequest());
		mvc.perform(get("/api/v1/monitoring/meters/{id}/series", meter).param("grain", "DAY").param("from", "2025-01-01")
			.param("to", "2026-01-01").with(basic(e.user))).andExpect(status().isOk());
	}
}
