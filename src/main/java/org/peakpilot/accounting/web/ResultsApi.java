package org.peakpilot.accounting.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.accounting.internal.EmissionResults;
import org.peakpilot.accounting.internal.ResultsModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Emission results over REST: roll-ups with drill-down, and an enterprise's year with its grade. */
@RestController
@RequestMapping("/api/v1/accounting/results")
@Tag(name = "results", description = "Emissions, energy and intensities rolled up; carbon-efficiency grades")
class ResultsApi {

	private static final String ENTERPRISE_ID = "The enterprise's id (/api/v1/registry/enterprises) · 企业 ID";
	private static final String VERIFIED_ONLY = "Only verified and locked reports (false: every submitted one) · 仅计已核查报告";

	private final EmissionResults emissionResults;

	ResultsApi(EmissionResults emissionResults) {
		this.emissionResults = emissionResults;
	}

	@GetMapping("/{year}")
	@Operation(operationId = "getResultsRollup", summary = "Results of a year by ENTERPRISE, PARK, COUNTY, INDUSTRY or CITY within the caller's scope · 某年结果按企业、园区、区县、行业或全市汇总（限调用者范围）",
			description = "filter=county|industry|park with value drills down, e.g. level=ENTERPRISE&filter=county&value=511111 · "
					+ "filter（county、industry、park）与 value 一起筛选，如 level=ENTERPRISE&filter=county&value=511111")
	List<ResultsModel.Row> rollup(
			@io.swagger.v3.oas.annotations.Parameter(description = "Accounting year · 核算年度", example = "2025") @PathVariable int year,
			@io.swagger.v3.oas.annotations.Parameter(description = "How to group · 汇总层级", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = EmissionResults.Level.class, defaultValue = "CITY"))
			@RequestParam(defaultValue = "CITY") String level,
			@io.swagger.v3.oas.annotations.Parameter(description = VERIFIED_ONLY) @RequestParam(defaultValue = "true") boolean verifiedOnly,
			@io.swagger.v3.oas.annotations.Parameter(description = "Drill down by · 筛选维度", schema = @io.swagger.v3.oas.annotations.media.Schema(allowableValues = { "county", "industry", "park" }))
			@RequestParam(required = false) String filter,
			@io.swagger.v3.oas.annotations.Parameter(description = "The county code, industry code or park id to drill down to · 筛选值", example = "511111")
			@RequestParam(required = false) String value) {
		return emissionResults.results(year, level, verifiedOnly, filter, value);
	}

	@GetMapping("/enterprises/{enterpriseId}/{year}")
	@Operation(operationId = "getEnterpriseYearResults", summary = "An enterprise's year by month and source, intensities per product, output value and value added, grade · 企业年度结果：分月、分来源、产品强度、产值与增加值、碳效等级")
	ResultsModel.EnterpriseYear enterpriseYear(
			@Parameter(description = ENTERPRISE_ID, example = "7") @PathVariable long enterpriseId,
			@Parameter(description = "Accounting year · 核算年度", example = "2025") @PathVariable int year,
			@Parameter(description = VERIFIED_ONLY) @RequestParam(defaultValue = "true") boolean verifiedOnly) {
		return emissionResults.enterpriseYear(enterpriseId, year, verifiedOnly);
	}

	@GetMapping("/enterprises/{enterpriseId}/grades")
	@Operation(operationId = "listEnterpriseGrades", summary = "An enterprise's carbon-efficiency grade for every year with verified reports · 企业各年（有已核查报告）的碳效等级")
	List<ResultsModel.YearGrade> grades(@Parameter(description = ENTERPRISE_ID, example = "7") @PathVariable long enterpriseId) {
		return emissionResults.gradeHistory(enterpriseId);
	}
}
