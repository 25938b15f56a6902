package org.peakpilot.accounting.web;

import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.accounting.internal.Inventory;
import org.peakpilot.accounting.internal.CityInventory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The city inventory over REST: a year's inventory with indicators 1–3, the office's inputs, recomputation. */
@RestController
@RequestMapping("/api/v1/accounting/inventory")
@Tag(name = "city inventory", description = "City inventory by sector and indicators 1–3 (city office; county officers read)")
class CityInventoryApi {

	private static final String YEAR = "The inventory's year, from " + Inventory.FIRST_YEAR + " to the current year · 清单年份（" + Inventory.FIRST_YEAR + " 年至今年）";

	private final CityInventory inventory;

	CityInventoryApi(CityInventory inventory) {
		this.inventory = inventory;
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@GetMapping
	@Operation(operationId = "listInventoryYears", summary = "Years that have inputs or verified enterprise reports, newest first · 有录入数据或已核查企业报告的年份，最新在前")
	List<Integer> years() {
		return inventory.years();
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@GetMapping("/{year}")
	@Operation(operationId = "getInventory", summary = "The inventory of a year: enterprise results (VERIFIED and LOCKED reports) by industry and county, "
			+ "sectors from the office's inputs, city totals in tce and tCO2, indicators 1–3 with formula and the plan's current value · 某年城市清单：企业结果（按行业、区县）、部门数据、全市合计与指标 1–3", description = """
			enterprises.tce counts all energy; enterprises.controlTce leaves out energy used as feedstock and renewable energy.
			cityTce = enterprises.tce + sector tce; cityCo2T = enterprises.co2T + sector tCO2.
			Indicator 1 = cityTce ÷ GDP, 2 = cityCo2T ÷ GDP (tce or tCO2 per 10k CNY), 3 = enterprises.co2T ÷ industrial value added,
			rounded to 4 decimals; while GDP (or, for 3, industrial value added) is missing, value is absent and missing names the input.
			coverage: sectors and inputs missing, key energy-using units and their months expected and verified, percent covered and
			whether the plan's coverage rule is met; until it is, the indicators are provisional (no status, not publishable).
			For a county officer, figures outside the own county built from fewer than minEnterprises enterprises (and those that
			would reveal them by subtraction) have figures.confidential = true and no amounts.""")
	Inventory inventory(@Parameter(description = YEAR, example = "2024", schema = @Schema(type = "integer", format = "int32", minimum = "" + Inventory.FIRST_YEAR)) @PathVariable int year) {
		return inventory.inventory(year);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@GetMapping("/inputs")
	@Operation(operationId = "listInventoryInputs", summary = "The office's inputs of a year with their source documents; allVersions=true includes replaced ones · 某年市级录入数据及来源文件；allVersions=true 含已被替代者")
	List<Inventory.Input> inputs(
			@Parameter(description = YEAR, example = "2024", schema = @Schema(type = "integer", format = "int32", minimum = "" + Inventory.FIRST_YEAR)) @RequestParam int year,
			@Parameter(description = "Also the replaced inputs (true) or only the current ones (false) · 是否包含已被替代的录入")
			@RequestParam(defaultValue = "false") boolean allVersions) {
		return inventory.inputs(year, allVersions);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PostMapping("/inputs")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "enterInventoryInput", summary = "Enter a figure for a year (city office); it replaces the current one of the same code, which is kept, "
			+ "and indicators 1–3 of the year are recomputed · 录入某年数据（市级）：替代同代码现行数据（旧数据保留），并重算当年指标 1–3", description = """
			Codes and units: GDP and INDUSTRIAL_VALUE_ADDED in 万元 (10k CNY); TRANSPORT_TCE, BUILDINGS_TCE, AGRICULTURE_TCE,
			OTHER_TCE in 吨标准煤 (tce); TRANSPORT_CO2_T, BUILDINGS_CO2_T, AGRICULTURE_CO2_T, OTHER_CO2_T in 吨二氧化碳 (tCO2).
			unit is optional and checked when given; sourceDocument is required; note is optional. Years from 2010 to the current year;
			values are non-negative, GDP and industrial value added above zero. Errors name the field.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CityInventory.NewInput.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"year": 2024, "code": "GDP", "value": 22050000, "unit": "万元", "sourceDocument": "2024年乐山市国民经济和社会发展统计公报"}""")))
	Inventory.Input enter(@RequestBody CityInventory.NewInput body) {
		return inventory.enter(body);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@PostMapping("/{year}/recompute")
	@Operation(operationId = "recomputeInventory", summary = "Recompute indicators 1–3 of a year and write them into the plan (city office); nothing is written "
			+ "while GDP is missing, and an unchanged value is not written again · 重算某年指标 1–3 并写入方案（市级）；缺 GDP 时不写入，数值未变不重复写入")
	Inventory recompute(@Parameter(description = YEAR, example = "2024", schema = @Schema(type = "integer", format = "int32", minimum = "" + Inventory.FIRST_YEAR)) @PathVariable int year) {
		return inventory.recompute(year);
	}
}
