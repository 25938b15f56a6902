package org.peakpilot.accounting.web;

import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.internal.FactorLibrary;
import org.peakpilot.accounting.internal.Restatements;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The factor library and the stateless calculator over REST. */
@RestController
@RequestMapping("/api/v1/accounting")
@Tag(name = "accounting", description = "Factor library and emissions calculator")
class AccountingApi {

	private static final String FACTOR_CODE = "The factor's code (/api/v1/accounting/factors) · 因子代码";

	private final EmissionsAccounting accounting;
	private final FactorLibrary library;
	private final Restatements restatements;

	AccountingApi(EmissionsAccounting accounting, FactorLibrary library, Restatements restatements) {
		this.accounting = accounting;
		this.library = library;
		this.restatements = restatements;
	}

	@GetMapping("/factors")
	@Operation(operationId = "listFactors", summary = "Factors (newest versions, or all with allVersions=true): code, names, unit, value, source, tag, effective dates · 排放因子（最新版本，allVersions=true 时含全部版本）")
	List<Factor> factors(
			@Parameter(description = "Only factors of this kind · 按因子类别筛选") @RequestParam(required = false) Factor.Kind kind,
			@Parameter(description = "Text contained in the code or a name (case-insensitive) · 按代码或名称检索", example = "gas")
			@RequestParam(required = false) String q,
			@Parameter(description = "Every version (true) or only the newest of each factor (false) · 是否包含历史版本")
			@RequestParam(defaultValue = "false") boolean allVersions) {
		return accounting.factors(new EmissionsAccounting.FactorQuery(kind, q, allVersions));
	}

	@GetMapping("/factors/{code}")
	@Operation(operationId = "listFactorVersions", summary = "Every version of one factor, newest first · 某一因子的全部版本，最新在前")
	List<Factor> history(@Parameter(description = FACTOR_CODE, example = "NATURAL-GAS") @PathVariable String code) {
		return library.history(code);
	}

	@ApiRoles({ Role.CITY_ADMIN })
	@PostMapping("/factors/{code}/versions")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "publishFactorVersion", summary = "Publish a new version of a factor (city administrator) · 发布因子新版本（市级管理员）")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Restatements.NewVersion.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"value": 0.5366, "source": "生态环境部 2024 年全国电力平均二氧化碳排放因子", "tag": "VERIFIED_SECONDARY", "effectiveFrom": "2024-01-01", "effectiveTo": "2024-12-31", "changeNote": "new year's factor"}""")))
	Factor publish(@Parameter(description = FACTOR_CODE, example = "GRID-SICHUAN") @PathVariable String code,
			@RequestBody Restatements.NewVersion body) {
		return restatements.publish(code, body);
	}

	@PostMapping("/calculations")
	@Operation(operationId = "calculateEmissions",
			summary = "Calculate tCO2 by scope and tce for activity lines, storing nothing · 按活动数据计算排放量与能耗（不保存）",
			description = """
					Each result line names the factors it used (code, version, value, unit, source, verification tag), the
					defaults it assumed and the formula. Purchased electricity uses the plan's grid region (Leshan: SICHUAN)
					for the year, else the latest earlier year; gridRegion overrides it. Errors name the line and field,
					e.g. lines[2].unit. Quantities are in the line's unit; results in tCO2 and tce.
					每行结果列出所用因子（代码、版本、数值、单位、来源、核验标记）、采用的缺省值和计算公式。外购电力采用方案所在
					电网区域当年（否则最近年份）的排放因子，gridRegion 可指定。错误按行和字段指出，如 lines[2].unit。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Calculation.Request.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "cement plant · 水泥厂", value = """
					{"year": 2024, "lines": [
					  {"type": "FUEL", "factorCode": "NATURAL-GAS", "quantity": 120, "unit": "10^4 Nm3"},
					  {"type": "FUEL", "factorCode": "BITUMINOUS-COAL", "quantity": 1000, "unit": "t", "measuredNcv": 21.5},
					  {"type": "ELECTRICITY", "quantity": 2000000, "unit": "kWh", "greenKwh": 500000},
					  {"type": "HEAT", "quantity": 800, "unit": "GJ"},
					  {"type": "CARBONATE", "factorCode": "CARBONATE-CACO3", "quantity": 500, "unit": "t", "fraction": 0.9},
					  {"type": "CLINKER", "quantity": 100000, "unit": "t", "caoFraction": 0.65, "mgoFraction": 0.02,
					   "nonCarbonateCaoFraction": 0.005},
					  {"type": "CARBON_FIXED", "factorCode": "STEEL-FIXED-CRUDE-STEEL", "quantity": 10000, "unit": "t"}]}""")))
	Calculation.Result calculate(@RequestBody Calculation.Request request) {
		return accounting.calculate(request);
	}
}
