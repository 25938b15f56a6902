package org.peakpilot.accounting.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.peakpilot.accounting.internal.EmissionResults;
import org.peakpilot.accounting.internal.MonthlyReports;
import org.peakpilot.accounting.internal.ResultsModel;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** Results pages: the office's ranking with drill-down and Excel export, and an enterprise's year (its dashboard). */
@Controller
class ResultsPages {

	private final EmissionResults emissionResults;
	private final MonthlyReports monthlyReports;
	private final Registry registry;
	private final Clock clock;
	private final JsonMapper json;
	private final org.springframework.context.MessageSource messages;

	ResultsPages(EmissionResults emissionResults, MonthlyReports monthlyReports, Registry registry, Clock clock,
			JsonMapper json,
			org.springframework.context.MessageSource messages) {
		this.emissionResults = emissionResults;
		this.monthlyReports = monthlyReports;
		this.registry = registry;
		this.clock = clock;
		this.json = json;
		this.messages = messages;
	}

	@GetMapping("/accounting/results")
	String results(@RequestParam(required = false) Integer year, @RequestParam(defaultValue = "COUNTY") String level,
			@RequestParam(required = false) String filter, @RequestParam(required = false) String value,
			@RequestParam(defaultValue = "true") boolean verifiedOnly, Model model, Locale locale) {
		int y = year == null ? latestYear(null, verifiedOnly) : year;
		List<ResultsModel.Row> rows = emissionResults.results(y, level, verifiedOnly, filter, value);
		Map<String, String> names = names(locale);
		model.addAttribute("year", y);
		model.addAttribute("level", level.toUpperCase(Locale.ROOT));
		model.addAttribute("filter", filter);
		model.addAttribute("value", value);
		model.addAttribute("verifiedOnly", verifiedOnly);
		model.addAttribute("rows", rows);
		model.addAttribute("names", names);
		model.addAttribute("chartJson", json.writeValueAsString(rows.stream()
			.map(r -> Map.of("name", names.getOrDefault(level.toUpperCase(Locale.ROOT) + ":" + r.key(), r.key()), "co2", r.co2T()))
			.toList()).replace("</", "<\\/"));
		return "accounting/results";
	}

	@GetMapping("/accounting/results/{year}.xlsx")
	ResponseEntity<byte[]> export(@PathVariable int year, @RequestParam(defaultValue = "COUNTY") String level,
			@RequestParam(required = false) String filter, @RequestParam(required = false) String value,
			@RequestParam(defaultValue = "true") boolean verifiedOnly, Locale locale) throws IOException {
		List<ResultsModel.Row> rows = emissionResults.results(year, level, verifiedOnly, filter, value);
		Map<String, String> names = names(locale);
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet(year + " " + level);
			String[] headers = { "对象 Key", "名称 Name", "企业数 Enterprises", "报送数 Reports", "范围一 Scope 1 tCO2", "范围二 Scope 2 tCO2",
					"合计 Total tCO2", "基于市场 Market-based tCO2", "能耗 tce", "控制口径 Control-scope tce", "工业总产值 Output 10k CNY",
					"强度 tCO2/10k CNY" };
			Row h = sheet.createRow(0);
			for (int i = 0; i < headers.length; i++) {
				h.createCell(i).setCellValue(headers[i]);
			}
			int n = 1;
			for (ResultsModel.Row r : rows) {
				Row row = sheet.createRow(n++);
				row.createCell(0).setCellValue(r.key());
				row.createCell(1).setCellValue(names.getOrDefault(level.toUpperCase(Locale.ROOT) + ":" + r.key(), r.key()));
				row.createCell(2).setCellValue(r.enterprises());
				row.createCell(3).setCellValue(r.reports());
				java.math.BigDecimal[] figures = { r.scope1Co2T(), r.scope2Co2T(), r.co2T(), r.marketCo2T(), r.tce(), r.controlScopeTce(),
						r.outputValue10kCny(), r.co2PerOutputValueTPer10kCny() };
				for (int i = 0; i < figures.length; i++) {
					if (figures[i] != null) {
						row.createCell(4 + i).setCellValue(figures[i].doubleValue());
					}
				}
			}
			wb.write(out);
			return ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"emissions-" + year + "-" + level.toLowerCase(Locale.ROOT) + ".xlsx\"")
				.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
				.body(out.toByteArray());
		}
	}

	/** An enterprise's results open on its latest year with data. */
	@GetMapping("/accounting/enterprises/{enterpriseId}/results")
	String enterpriseLatest(@PathVariable long enterpriseId) {
		registry.enterprise(enterpriseId);
		return "redirect:/accounting/enterprises/" + enterpriseId + "/results/" + latestYear(enterpriseId, true);
	}

	/**
	 * The latest year with verified results in the caller's scope, else the latest with any report, else last
	 * year: the results pages never open on an empty year while data exists.
	 */
	private int latestYear(Long enterpriseId, boolean verifiedOnly) {
		return monthlyReports.latestYear(enterpriseId, verifiedOnly)
			.orElse(monthlyReports.latestYear(enterpriseId, false).orElse(Year.now(clock).getValue() - 1));
	}

	@GetMapping("/accounting/enterprises/{enterpriseId}/results/{year}")
	String enterprise(@PathVariable long enterpriseId, @PathVariable int year, @RequestParam(defaultValue = "true") boolean verifiedOnly,
			Model model, Locale locale) {
		ResultsModel.EnterpriseYear result = emissionResults.enterpriseYear(enterpriseId, year, verifiedOnly);
		model.addAttribute("e", registry.enterprise(enterpriseId));
		model.addAttribute("y", result);
		model.addAttribute("verifiedOnly", verifiedOnly);
		model.addAttribute("bounds", emissionResults.gradeBounds());
		model.addAttribute("grades", emissionResults.gradeHistory(enterpriseId));
		Map<String, java.math.BigDecimal> sources = new java.util.LinkedHashMap<>();
		result.co2TBySource().forEach((k, v) -> sources.put(messages.getMessage("category." + k, null, k, locale), v));
		model.addAttribute("chartJson", json.writeValueAsString(Map.of("months", result.months(), "sources", sources))
			.replace("</", "<\\/"));
		return "accounting/enterprise-results";
	}

	/** Display names of the keys a roll-up can have, prefixed by level. */
	private Map<String, String> names(Locale locale) {
		Map<String, String> names = new HashMap<>();
		registry.regions().forEach(r -> names.put("COUNTY:" + r.code(), r.nameZh()));
		registry.parks().forEach(p -> names.put("PARK:" + p.id(), p.name(locale)));
		registry.industries().forEach(i -> names.put("INDUSTRY:" + i.code(), i.code() + " " + i.name(locale)));
		registry.enterprises(RegistryModel.EnterpriseQuery.ALL).forEach(e -> names.put("ENTERPRISE:" + e.id(), e.name()));
		names.put("CITY:city", "全市 City");
		return names;
	}
}
