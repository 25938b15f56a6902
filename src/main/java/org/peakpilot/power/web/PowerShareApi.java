package org.peakpilot.power.web;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.peakpilot.power.internal.Footprints;
import org.peakpilot.power.internal.Footprints.Footprint;
import org.peakpilot.power.internal.GreenShares;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Green-power shares against the office's targets and product footprints over REST (issue 15). Scoped: an enterprise
 * sees its own, a county officer its county's, the city all; targets are set by the city's roles only.
 */
@RestController
@Tag(name = "power", description = "Electricity carbon and green power · 电碳图谱与绿电")
class PowerShareApi {

	private final GreenShares shares;
	private final Footprints footprints;

	PowerShareApi(GreenShares shares, Footprints footprints) {
		this.shares = shares;
		this.footprints = footprints;
	}

	@GetMapping("/api/v1/power/shares")
	@Operation(operationId = "listGreenPowerShares", summary = "A year's green-power shares against the targets · 年度绿电占比与目标", description = """
			share = claimed green MWh (declared GECs) ÷ purchased MWh of the year's verified reports, per enterprise and industry, within
			the caller's scope. A figure with fewer than 12 verified months is PROVISIONAL and never MET; without a verified report with
			purchased electricity it is NO_DATA. Polysilicon and photovoltaics first.
			绿电占比 = 已声明绿电（绿证）÷ 当年已核查报告的外购电量，按企业和行业，限调用者权限范围。已核查月份不足 12 个月时为暂定（PROVISIONAL），
			不判定达标；无已核查外购电量时为无数据（NO_DATA）。多晶硅、光伏行业在前。""")
	GreenShares.YearShares list(@Parameter(description = "The year, 2000–2100 · 年度", example = "2025", required = true) @RequestParam(name = "year", required = false) Integer year) {
		return shares.year(GreenShares.checkedYear(year, "year"));
	}

	@PutMapping("/api/v1/power/share-targets/{industryCode}/{year}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "setGreenPowerShareTarget", summary = "Set an industry's green-power share target for a year · 设定行业年度绿电占比目标", description = """
			The office's target, % of purchased electricity (0–100, at most 2 decimals), for an industry of the registry; recorded with
			who and when, audited with the previous value. City roles only.
			市级办公室设定的目标（外购电量的百分比，0–100，最多两位小数），行业须为登记的行业；记录设定人和时间，审计保留原值。仅市级角色。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenPowerShareTargetBody.class),
			examples = @ExampleObject(name = "polysilicon 30 % · 多晶硅 30%", value = "{\"targetPct\": 30, \"note\": \"乐山晶硅光伏绿电目标\"}")))
	GreenShares.Target setTarget(@Parameter(description = "Industry (GB/T 4754) · 行业代码", example = "3985") @PathVariable String industryCode,
			@Parameter(description = "The year, 2000–2100 · 年度", example = "2025") @PathVariable int year,
			@RequestBody GreenPowerShareTargetBody body) {
		return shares.setTarget(industryCode, year, body == null ? null : body.targetPct(), body == null ? null : body.note());
	}

	/** A target's figure and note. */
	@Schema(name = "GreenPowerShareTargetBody", description = "A green-power share target · 绿电占比目标")
	record GreenPowerShareTargetBody(
			@Schema(description = "Target share of purchased electricity, %, 0–100, at most 2 decimals · 目标占比（%）", minimum = "0", maximum = "100",
					example = "30", requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal targetPct,
			@Schema(description = "A note, at most 500 characters · 备注", maxLength = GreenShares.NOTE_MAX) String note) {
	}

	@PostMapping("/api/v1/power/footprints")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "computeProductFootprint", summary = "Compute a product footprint (polysilicon kgCO2/kg, PV module gCO2/W) · 计算产品碳足迹",
			description = """
					(electricity kWh of each metered hour × that hour's consumption-based intensity, GEC-covered kWh at zero + scope 1 of the year's
					verified reports) ÷ output, beside the same with the yearly official grid factor and with the French ECS default for China
					(1,024 g/kWh, certificates not applied). Without metered hours: the reports' yearly kWh at the yearly factor only. The output
					comes from the reports' POLYSILICON lines (t) or is entered with its unit. Stored with its inputs; provisional with fewer than
					12 verified months; 422 without a verified report of the year.
					（各计量小时电量 × 该小时消费侧电网强度，绿证覆盖电量按零计 + 当年已核查报告的范围一排放）÷ 产量；并列给出年度官方电网因子和法国 ECS 中国缺省值
					（1024 g/kWh，不计绿证）的结果。无计量小时数据时仅按报告年电量 × 年度因子。产量取自报告中的多晶硅产量（吨）或按单位录入。保存全部输入；
					已核查不足 12 个月时为暂定；当年无已核查报告时 422。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ProductFootprintOrder.class),
			examples = @ExampleObject(name = "polysilicon from the reports · 多晶硅（产量取自报告）", value = "{\"enterpriseId\": 7, \"year\": 2025, \"product\": \"POLYSILICON\"}")))
	Footprint compute(@RequestBody ProductFootprintOrder body) {
		if (body == null) {
			throw new org.peakpilot.platform.InvalidInputException("body", "a JSON body is required");
		}
		return footprints.compute(body.enterpriseId(), body.year(), body.product(), body.outputQuantity(), body.outputUnit());
	}

	/** What footprint to compute. */
	@Schema(name = "ProductFootprintOrder", description = "Which product footprint to compute · 待计算的产品碳足迹")
	record ProductFootprintOrder(
			@Schema(description = "The enterprise's id · 企业编号", example = "7", requiredMode = Schema.RequiredMode.REQUIRED) Long enterpriseId,
			@Schema(description = "The year, 2000–2100 · 年度", example = "2025", requiredMode = Schema.RequiredMode.REQUIRED) Integer year,
			@Schema(description = "POLYSILICON (kgCO2/kg) or PV_MODULE (gCO2/W) · 产品", requiredMode = Schema.RequiredMode.REQUIRED) Footprints.Product product,
			@Schema(description = "The output in outputUnit, above 0, at most 1e12; absent: polysilicon from the reports · 产量（按单位）",
					example = "20000", maximum = "1000000000000") BigDecimal outputQuantity,
			@Schema(description = "kg or t (polysilicon), W, kW or MW (modules) · 产量单位", example = "t") String outputUnit) {
	}

	@GetMapping("/api/v1/power/footprints")
	@Operation(operationId = "listProductFootprints", summary = "Stored product footprints · 已保存的产品碳足迹", description = """
			Newest first, at most 500, within the caller's scope; optionally of one year or enterprise.
			按时间倒序，最多 500 条，限调用者权限范围；可按年度或企业筛选。""")
	List<Footprint> listFootprints(
			@Parameter(description = "The year, 2000–2100 · 年度", example = "2025") @RequestParam(name = "year", required = false) Integer year,
			@Parameter(description = "The enterprise's id · 企业编号", example = "7") @RequestParam(name = "enterpriseId", required = false) Long enterpriseId) {
		return footprints.list(year == null ? null : GreenShares.checkedYear(year, "year"), enterpriseId);
	}

	@GetMapping("/api/v1/power/footprints/{id}")
	@Operation(operationId = "getProductFootprint", summary = "A stored product footprint with its inputs · 产品碳足迹及其输入", description = """
			404 outside the caller's scope. · 超出权限范围时 404。""")
	Footprint footprint(@Parameter(description = "The footprint's id · 编号", example = "12") @PathVariable long id) {
		return footprints.footprint(id);
	}
}
