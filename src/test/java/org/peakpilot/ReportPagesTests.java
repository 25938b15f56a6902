package org.peakpilot;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.JIAJIANG;
import static org.peakpilot.Counties.SHAWAN;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An enterprise enters a month on the form, submits it; its verifier verifies; the office locks — all on pages. */
@PeakPilotTest
class ReportPagesTests {

	/** Green kWh of a report need claimed green certificates (issue 15): {@link GreenClaimFixture}. */
	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient greenJdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	@Test
	void aMonthGoesFromTheFormThroughVerificationToLockedOnPages() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise ceramics = f.enterprise(JIAJIANG, "3071", f.parkId("JIAJIANG-EDZ"));
		String user = f.user(Role.ENTERPRISE_USER, null, null, ceramics.id(), Set.of());
		String verifier = f.user(Role.VERIFIER, null, null, null, Set.of(ceramics.id()));
		String office = f.cityOfficer();
		String base = "/accounting/enterprises/" + ceramics.id() + "/reports/2023/2";
		mvc.perform(get(base + "/edit").with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("NATURAL-GAS")));
		mvc.perform(post(base).with(f.as(user)).with(csrf()).param("type0", "FUEL").param("factor0", "NATURAL-GAS")
			.param("quantity0", "abc").param("unit0", "10^4 Nm3"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("is not a number")));
		// 200,000 kWh certified green need a claim of green certificates for 2023 (issue 15): refused on the form until there is one
		mvc.perform(post(base).with(f.as(user)).with(csrf())
			.param("type0", "FUEL").param("factor0", "NATURAL-GAS").param("quantity0", "50").param("unit0", "10^4 Nm3")
			.param("type3", "ELECTRICITY").param("quantity3", "1000000").param("unit3", "kWh").param("green3", "200000"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("kWh claimed")));
		GreenClaimFixture.claimDirect(greenJdbc, ceramics.id(), 2023, 200);
		String location = mvc.perform(post(base).with(f.as(user)).with(csrf())
			.param("type0", "FUEL").param("factor0", "NATURAL-GAS").param("quantity0", "50").param("unit0", "10^4 Nm3")
			.param("type3", "ELECTRICITY").param("quantity3", "1000000").param("unit3", "kWh").param("green3", "200000")
			.param("product_CERAMIC_TILES", "800000").param("outputValue10kCny", "3000").param("valueAdded10kCny", "700"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getHeader("Location");
		// 50 × 389.31 × 15.3 ÷ 1000 × 0.99 × 44/12 = 1081.094405 tCO2; 1000 MWh × 0.1564 (Sichuan 2023) = 156.4
		mvc.perform(get(location).with(f.as(user))).andExpect(status().isOk())
			.andExpect(content().string(containsString("1081.094405")))
			.andExpect(content().string(containsString("156.4")))
			.andExpect(content().string(containsString("GRID-SICHUAN-2023")))
			.andExpect(content().string(containsString("id=\"submit-report\"")))
			.andExpect(content().string(not(containsString("id=\"verify-report\""))));
		String id = location.substring(location.lastIndexOf('/') + 1);
		mvc.perform(post("/accounting/reports/" + id + "/submit").with(f.as(user)).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get(location).with(f.as(verifier))).andExpect(content().string(containsString("id=\"verify-report\"")));
		mvc.perform(post("/accounting/reports/" + id + "/verify").with(f.as(verifier)).with(csrf()))
			.andExpect(header().string("Location", containsString("/accounting/reports/" + id)));
		mvc.perform(post("/accounting/reports/" + id + "/lock").with(f.as(office)).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(get(location).with(f.as(office))).andExpect(content().string(containsString("已锁定")));
		mvc.perform(get("/accounting/reports").param("year", "2023").with(f.as(user)))
			.andExpect(status().isOk()).andExpect(content().string(containsString(ceramics.name())));
		String stranger = f.user(Role.ENTERPRISE_USER, null, null, f.enterprise(SHAWAN, "3120", null).id(), Set.of());
		mvc.perform(get(location).with(f.as(stranger))).andExpect(status().isNotFound());
		mvc.perform(get("/accounting/reports").param("year", "2023").with(f.as(stranger)))
			.andExpect(content().string(not(containsString(ceramics.name()))));
	}

	@Test
	void aYearIsImportedFromTheSectorTemplateOnThePage() throws Exception {
		Fixtures f = new Fixtures(registry, accounts);
		RegistryModel.Enterprise cement = f.enterprise(EMEISHAN, "3011", null);
		String user = f.user(Role.ENTERPRISE_USER, null, null, cement.id(), Set.of());
		byte[] template = mvc.perform(get("/accounting/enterprises/" + cement.id() + "/reports/2023/template.xlsx").with(f.as(user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		byte[] filled;
		try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(template));
				var out = new java.io.ByteArrayOutputStream()) {
			var row = wb.getSheet("活动数据 Activity").createRow(1);
			row.createCell(0).setCellValue(3);
			row.createCell(1).setCellValue("ELECTRICITY");
			row.createCell(3).setCellValue(1000000);
			row.createCell(4).setCellValue("kWh");
			wb.write(out);
			filled = out.toByteArray();
		}
		// 1,000 MWh × 0.1564 (Sichuan 2023) = 156.4 tCO2
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/accounting/reports/import")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "y.xlsx", null, filled))
			.param("enterpriseId", String.valueOf(cement.id())).param("year", "2023").with(f.as(user)).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"import-done\"")))
			.andExpect(content().string(containsString("已导入 2023 年 3 月报告 · 156.4 tCO2")))
			.andExpect(content().string(containsString("/accounting/enterprises/" + cement.id() + "/results/2023")));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/accounting/reports/import")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "x.xlsx", null, "not excel".getBytes()))
			.param("enterpriseId", String.valueOf(cement.id())).param("year", "2023").with(f.as(user)).with(csrf()))
			.andExpect(status().isOk()).andExpect(content().string(containsString("not a readable Excel workbook")));
	}
}
