package org.peakpilot;

import java.io.ByteArrayInputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.not;
import static org.peakpilot.Counties.EMEISHAN;
import static org.peakpilot.Counties.QIANWEI;
import static org.peakpilot.Counties.SHAWAN;
import static org.peakpilot.Counties.WUTONGQIAO;
import static org.peakpilot.Fixtures.basic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Disclosure of single firms: a county officer sees the other counties' inventory figures only where they come
 * from at least {@code peakpilot.disclosure.min-enterprises} (3) enterprises; the rest, and whatever would reveal
 * them by subtraction from a total, reads "confidential", in the API, on the page and in the Excel export. The
 * city office sees everything.
 * <p>
 * 2024: steelmaking 3120 has one enterprise in Shawan (the officer's own county) and one in Emeishan; cement 3011
 * three in Emeishan and one in Jianwei; ironmaking 3110 three in Wutongqiao.
 */
// Own context: disclosure of city and county totals counts every enterprise of a county
@SpringBootTest(properties = "peakpilot.test.schema=pp_disclosure")
@AutoConfigureMockMvc
class InventoryDisclosureTests {

	static final String QIANWEI = Counties.QIANWEI;
	static final String STEELMAKING = "3120";
	static final String CEMENT = "3011";
	static final String IRONMAKING = "3110";

	static boolean loaded;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Registry registry;

	@Autowired
	UserAccounts accounts;

	Fixtures fixtures;

	@BeforeEach
	void reports() {
		fixtures = new Fixtures(registry, accounts);
		synchronized (InventoryDisclosureTests.class) {
			if (loaded) {
				return;
			}
			InventoryFixtures inventory = new InventoryFixtures(jdbc, registry);
			add(inventory, SHAWAN, STEELMAKING, "1234");
			add(inventory, EMEISHAN, STEELMAKING, "4321");
			for (int i = 0; i < 3; i++) {
				add(inventory, EMEISHAN, CEMENT, "1000");
				add(inventory, WUTONGQIAO, IRONMAKING, "500");
			}
			add(inventory, QIANWEI, CEMENT, "777");
			loaded = true;
		}
	}

	@Test
	void aCountyOfficerSeesOtherCountiesCellsOfFewerThanThreeEnterprisesAndWhatWouldRevealThemAsConfidential()
			throws Exception {
		String county = fixtures.countyOfficer(SHAWAN);
		String steel = "$.industries[?(@.code == '3120')]";
		String cement = "$.industries[?(@.code == '3011')]";
		String iron = "$.industries[?(@.code == '3110')]";
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(county)))
			.andExpect(status().isOk())
			// one enterprise of Emeishan: confidential; the industry total would reveal it (total − own): confidential too
			.andExpect(jsonPath(steel + ".counties[?(@.code == '511181')].figures.confidential").value(contains(true)))
			.andExpect(jsonPath(steel + ".counties[?(@.code == '511181')].figures.co2T").value(org.hamcrest.Matchers.empty()))
			.andExpect(jsonPath(steel + ".counties[?(@.code == '511181')].figures.enterprises").value(contains(1)))
			.andExpect(jsonPath(steel + ".figures.confidential").value(contains(true)))
			// the officer's own county stays visible, even with one enterprise
			.andExpect(jsonPath(steel + ".counties[?(@.code == '511111')].figures.co2T").value(contains(1234)))
			// Jianwei's single cement firm is withheld, and Emeishan's cell with it (else total − Emeishan = Jianwei)
			.andExpect(jsonPath(cement + ".counties[?(@.code == '511123')].figures.confidential").value(contains(true)))
			.andExpect(jsonPath(cement + ".counties[?(@.code == '511181')].figures.confidential").value(contains(true)))
			// and the cement total, else enterprise total − visible industries = the Emeishan steel firm
			.andExpect(jsonPath(cement + ".figures.confidential").value(contains(true)))
			// three enterprises: visible
			.andExpect(jsonPath(iron + ".counties[?(@.code == '511112')].figures.co2T").value(contains(1500)))
			.andExpect(jsonPath(iron + ".figures.co2T").value(contains(1500)))
			.andExpect(jsonPath("$.enterprises.co2T").value(1234 + 4321 + 3000 + 777 + 1500))
			.andExpect(jsonPath("$.minEnterprises").value(3));

		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(county)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("保密")))
			.andExpect(content().string(containsString("id=\"disclosure-note\"")))
			.andExpect(content().string(containsString("data-county=\"511181\" data-confidential=\"true\"")))
			.andExpect(content().string(not(containsString("4,321.00"))))
			.andExpect(content().string(not(containsString("777.00"))))
			.andExpect(content().string(containsString("1,500.00")));

		byte[] xlsx = mvc.perform(get("/accounting/inventory/2024/export").with(fixtures.as(county)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet enterprises = wb.getSheet("企业 Enterprises");
			Row emeishanSteel = row(enterprises, STEELMAKING, EMEISHAN);
			assertThat(emeishanSteel.getCell(8).getStringCellValue()).isEqualTo("保密 confidential");
			assertThat(emeishanSteel.getCell(6).getStringCellValue()).isEqualTo("保密 confidential");
			assertThat(row(enterprises, IRONMAKING, WUTONGQIAO).getCell(8).getNumericCellValue()).isEqualTo(1500);
			for (Sheet sheet : wb) {
				for (Row r : sheet) {
					for (Cell c : r) {
						if (c.getCellType() == CellType.NUMERIC) {
							assertThat(c.getNumericCellValue()).as(sheet.getSheetName() + " row " + r.getRowNum())
								.isNotIn(4321.0, 777.0, 3000.0, 3777.0, 5555.0);
						}
					}
				}
			}
		}
	}

	@Test
	void theCityOfficeSeesEveryFigure() throws Exception {
		String officer = fixtures.cityOfficer();
		mvc.perform(get("/api/v1/accounting/inventory/2024").with(basic(officer)))
			.andExpect(jsonPath("$.industries[?(@.code == '3120')].counties[?(@.code == '511181')].figures.co2T").value(contains(4321)))
			.andExpect(jsonPath("$.industries[?(@.code == '3011')].figures.co2T").value(contains(3777)))
			.andExpect(jsonPath("$.industries[*].counties[*].figures.confidential").value(org.hamcrest.Matchers.everyItem(
					org.hamcrest.Matchers.is(false))))
			.andExpect(jsonPath("$.minEnterprises").value(0));
		mvc.perform(get("/accounting/inventory/2024").with(fixtures.as(officer)))
			.andExpect(content().string(containsString("4,321.00")))
			.andExpect(content().string(not(containsString("id=\"disclosure-note\""))));
	}

	private void add(InventoryFixtures inventory, String county, String industry, String co2T) {
		long id = inventory.enterprise(county, industry, false);
		inventory.report(id, county, industry, 2024, 1, "VERIFIED", co2T, "10");
	}

	private static Row row(Sheet sheet, String industry, String county) {
		for (Row row : sheet) {
			if (row.getRowNum() > 0 && industry.equals(row.getCell(0).getStringCellValue())
					&& county.equals(row.getCell(2).getStringCellValue())) {
				return row;
			}
		}
		throw new AssertionError("no row " + industry + "/" + county);
	}
}
