package org.peakpilot.registry;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.registry.RegistryModel.Enterprise;
import org.peakpilot.registry.RegistryModel.EnterpriseForm;
import org.peakpilot.registry.RegistryModel.EnterpriseQuery;
import org.peakpilot.registry.RegistryModel.Industry;
import org.peakpilot.registry.RegistryModel.Park;
import org.peakpilot.registry.RegistryModel.Region;
import org.peakpilot.registry.RegistryModel.ZoneMembership;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The registry over REST. Enterprises are filtered by the caller's scope. */
@RestController
@RequestMapping("/api/v1/registry")
@Tag(name = "registry", description = "Regions, parks, control zones, industries, enterprises")
class RegistryApi {

	private static final String ENTERPRISE_ID = "Id of the enterprise · 企业编号";

	private final Registry registry;

	RegistryApi(Registry registry) {
		this.registry = registry;
	}

	@GetMapping("/regions")
	@Operation(operationId = "listRegions", summary = "The city and its county-level divisions (GB/T 2260) · 城市及其区县（GB/T 2260）")
	List<Region> regions() {
		return registry.regions();
	}

	@GetMapping("/parks")
	@Operation(operationId = "listParks", summary = "The city's industrial parks · 园区")
	List<Park> parks() {
		return registry.parks();
	}

	@GetMapping("/zones")
	@Operation(operationId = "listZoneMemberships", summary = "Admission control zones with their parks · 准入管控区及其园区")
	List<ZoneMembership> zones() {
		return registry.zones();
	}

	@GetMapping("/industries")
	@Operation(operationId = "listIndustries", summary = "Industries (GB/T 4754) the plan's sectors need, with their sector and source"
			+ " · 方案所需行业（含所属部门与来源）")
	List<Industry> industries() {
		return registry.industries();
	}

	@GetMapping("/enterprises")
	@Operation(operationId = "listEnterprises", summary = "Enterprises within the caller's scope · 调用者范围内的企业")
	List<Enterprise> enterprises(
			@io.swagger.v3.oas.annotations.Parameter(description = "Text in the name or USCC · 名称或统一社会信用代码包含的文字", example = "水泥") @RequestParam(required = false) String q,
			@io.swagger.v3.oas.annotations.Parameter(description = "County-level division (GB/T 2260) · 区县代码", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", example = "511102")) @RequestParam(required = false) String county,
			@io.swagger.v3.oas.annotations.Parameter(description = "Industry (GB/T 4754) · 行业代码", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", example = "3011")) @RequestParam(required = false) String industry,
			@io.swagger.v3.oas.annotations.Parameter(description = "Park id · 园区") @RequestParam(required = false) Long park,
			@io.swagger.v3.oas.annotations.Parameter(description = "Only key energy-using units (true) or only the others (false) · 是否重点用能单位") @RequestParam(required = false) Boolean keyEnergyUnit) {
		return registry.enterprises(new EnterpriseQuery(q, county, industry, park, keyEnergyUnit));
	}

	@GetMapping("/enterprises/{id}")
	@Operation(operationId = "getEnterprise", summary = "One enterprise; 404 when it does not exist or lies outside the caller's scope"
			+ " · 单个企业（不存在或不在调用者范围内时返回 404）")
	Enterprise enterprise(@io.swagger.v3.oas.annotations.Parameter(description = ENTERPRISE_ID, example = "42") @PathVariable long id) {
		return registry.enterprise(id);
	}

	@PostMapping("/enterprises")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createEnterprise", summary = "Register an enterprise · 登记企业", description = """
			The unified social credit code's check character is verified; county (GB/T 2260) and industry (GB/T 4754) must
			be the registry's, an optional park must lie in the county. Invalid fields come back as a 400 problem listing
			each under errors; a code registered already is a 409.
			校验统一社会信用代码的校验位；区县、行业须为名录中的代码，园区须在该区县内。字段错误以 400 返回并逐项列出；
			代码已登记返回 409。""")
	Enterprise register(@RequestBody EnterpriseForm form) {
		return registry.register(form);
	}

	@PutMapping("/enterprises/{id}")
	@Operation(operationId = "updateEnterprise", summary = "Change an enterprise's registration (same rules as creating it) · 修改企业登记信息（规则同登记）")
	Enterprise update(@io.swagger.v3.oas.annotations.Parameter(description = ENTERPRISE_ID, example = "42") @PathVariable long id, @RequestBody EnterpriseForm form) {
		return registry.update(id, form);
	}
}
