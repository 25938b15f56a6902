package org.peakpilot.inclusive.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.peakpilot.inclusive.internal.EventCategory;
import org.peakpilot.inclusive.internal.EventFactors;
import org.peakpilot.inclusive.internal.EventFactors.EventFactor;
import org.peakpilot.inclusive.internal.ZeroCarbonEvents;
import org.peakpilot.inclusive.internal.ZeroCarbonEvents.Event;
import org.peakpilot.inclusive.internal.ZeroCarbonEvents.EventListing;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Zero-carbon events over REST (零碳会议/活动, issue 14): the office at {@code /api/v1/inclusive/events}, an event
 * organiser (PARTNER) at {@code /api/v1/inclusive/partner/events} (its own events only: another organiser's is 404),
 * the public certificate at {@code /api/v1/public/inclusive/events/{serial}}. Both signed-in sides call the same
 * {@link ZeroCarbonEvents} methods, which decide the scope.
 */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class ZeroCarbonEventApi {

	static final String EVENT_EXAMPLE = """
			{"organiserId": 3, "name": "2026 乐山绿色发展论坛 Leshan green development forum", "startsOn": "2026-11-20",
			 "endsOn": "2026-11-21", "venue": "乐山国际会议中心 Leshan International Conference Centre", "countyCode": "511102",
			 "donationsOpen": true}""";
	static final String LINE_EXAMPLE = """
			{"item": "ELECTRICITY", "quantity": 12000, "unit": "kWh", "label": "主会场用电 Main hall electricity"}""";
	static final String OFFSET_EXAMPLE = """
			{"ticketSerials": ["LSCT-511132-2025P1-000001-7"], "points": 500000}""";

	private final ZeroCarbonEvents events;
	private final EventFactors factors;

	ZeroCarbonEventApi(ZeroCarbonEvents events, EventFactors factors) {
		this.events = events;
		this.factors = factors;
	}

	@Schema(name = "ZeroCarbonEventFields", description = "An event's facts · 活动基本信息")
	record ZeroCarbonEventFields(
			@Schema(example = "3", description = "Office only: the organiser, a partner of kind EVENT_ORGANISER; a partner's own is used for it · "
					+ "主办方合作方编号（仅办公室填写，合作方默认为本方）") Long organiserId,
			@NotBlank @Size(max = ZeroCarbonEvents.NAME_MAX) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026 乐山绿色发展论坛",
					description = "Name · 活动名称") String name,
			@NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-20", description = "First day, 2020–2100 · 开始日期") LocalDate startsOn,
			@NotNull @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-21",
					description = "Last day, from startsOn to 366 days after it · 结束日期（不早于开始日期，至多 366 天）") LocalDate endsOn,
			@NotBlank @Size(max = ZeroCarbonEvents.VENUE_MAX) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "乐山国际会议中心",
					description = "Venue · 场馆") String venue,
			@NotBlank @Pattern(regexp = "\\d{6}") @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "511102",
					description = "County of the plan (GB/T 2260) · 区县代码") String countyCode,
			@Schema(example = "true", description = "Whether citizens may donate points (default true) · 是否接受市民积分捐赠（默认是）") Boolean donationsOpen) {

		ZeroCarbonEvents.EventInput input() {
			return new ZeroCarbonEvents.EventInput(organiserId, name, startsOn, endsOn, venue, countyCode, donationsOpen);
		}
	}

	@Schema(name = "ZeroCarbonFootprintLineFields", description = "A footprint line to add · 新增碳足迹行")
	record ZeroCarbonFootprintLineFields(
			@NotBlank @Size(max = ZeroCarbonEvents.ITEM_MAX) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9-]*")
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ELECTRICITY", description = "ELECTRICITY (kWh, MWh), a FUEL code of "
					+ "/api/v1/accounting/factors (NATURAL-GAS, DIESEL, LPG, …) or an event factor code (TRAVEL-CAR, ROOM-NIGHT, …) · "
					+ "项目：电力、核算因子库燃料代码或活动因子代码") String item,
			@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = ZeroCarbonEvents.QUANTITY_MAX, inclusive = false)
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "12000", description = "Above 0, below 10^12, at most 6 decimals, in unit · "
					+ "活动数据量（大于 0）") BigDecimal quantity,
			@Size(max = ZeroCarbonEvents.UNIT_MAX) @Schema(example = "kWh", description = "The quantity's unit; absent: the item's own (kWh, the fuel's "
					+ "unit, pkm, room-night, …) · 计量单位（缺省为该项目的单位）") String unit,
			@Size(max = ZeroCarbonEvents.LABEL_MAX) @Schema(example = "主会场用电", description = "A label · 说明") String label) {
	}

	@Schema(name = "ZeroCarbonOffsetFields", description = "What to retire to neutralise the event · 用于中和活动的注销内容")
	record ZeroCarbonOffsetFields(
			@Size(max = ZeroCarbonEvents.TICKETS_MAX) @Schema(example = "[\"LSCT-511132-2025P1-000001-7\"]",
					description = "Carbon tickets to retire for the event, held by the organiser · 注销的碳票编号") List<@NotBlank @Size(max = ZeroCarbonEvents.SERIAL_MAX) String> ticketSerials,
			@Min(0) @Max(ZeroCarbonEvents.POINTS_MAX) @Schema(example = "500000",
					description = "Points of the event's donated pool to retire (1,000,000 = 1 tCO2) · 注销的捐赠积分（100 万积分 = 1 吨）") Long points) {
	}

	@Schema(name = "ZeroCarbonFactorDefaultFields", description = "A sourced default for a footprint factor · 活动因子的来源缺省值")
	record ZeroCarbonFactorDefaultFields(
			@NotNull @DecimalMin("0") @DecimalMax(EventFactors.VALUE_MAX) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0.09",
					description = "kgCO2 per the factor's unit, 0–10^6 · 每单位千克二氧化碳") BigDecimal kgCo2PerUnit,
			@NotBlank @Size(max = EventFactors.SOURCE_MAX) @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					example = "DB5101/T 41-2018 附录A 表A.2", description = "The document, table and page the value comes from · 数据来源") String source) {
	}

	// ------------------------------------------------------------ the office

	@GetMapping("/api/v1/inclusive/events")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listZeroCarbonEvents", summary = "Zero-carbon events, newest first · 零碳活动列表（新的在前）")
	List<EventListing> list() {
		return events.list();
	}

	@PostMapping("/api/v1/inclusive/events")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "createZeroCarbonEvent", summary = "Enter an event for an organiser · 为主办方录入零碳活动",
			description = "organiserId names a partner of kind EVENT_ORGANISER. Audited. · organiserId 为活动主办方类合作方。记录审计。")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonEventFields.class), examples = @ExampleObject(name = "forum · 论坛", value = EVENT_EXAMPLE)))
	Event create(@Valid @RequestBody ZeroCarbonEventFields body) {
		return events.create(body.input());
	}

	@GetMapping("/api/v1/inclusive/events/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "getZeroCarbonEvent", summary = "An event with its footprint and offsets · 零碳活动详情（碳足迹及抵消）")
	Event get(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id) {
		return events.event(id);
	}

	@PutMapping("/api/v1/inclusive/events/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "updateZeroCarbonEvent", summary = "Change a planned event's facts · 修改计划中活动的信息",
			description = "409 once neutralised. · 已中和的活动 409。")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonEventFields.class), examples = @ExampleObject(name = "forum · 论坛", value = EVENT_EXAMPLE)))
	Event update(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Valid @RequestBody ZeroCarbonEventFields body) {
		return events.update(id, body.input());
	}

	@PostMapping("/api/v1/inclusive/events/{id}/lines")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "addZeroCarbonEventLine", summary = "Add a footprint line, computed at once · 新增碳足迹行（即时计算）", description = """
			Venue electricity and fuels are computed by the accounting calculator with the factors in force in the event's year (the plan's
			grid region; the latest earlier year's grid factor while the year's is not published); travel, room-nights, meals, materials and
			waste by the event factors. A code without a factor gives a line "not assessed" (co2T absent): the footprint is then incomplete.
			场馆用电和燃料由核算模块按活动年度因子计算（电网因子缺当年时取此前最近年份）；交通、住宿、餐饮、物料、废弃物按活动因子计算；
			无因子的项目为“未评估”（co2T 为空），碳足迹即不完整。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonFootprintLineFields.class), examples = {
					@ExampleObject(name = "electricity · 用电", value = LINE_EXAMPLE),
					@ExampleObject(name = "car travel · 小汽车出行", value = "{\"item\": \"TRAVEL-CAR\", \"quantity\": 2000, \"unit\": \"pkm\"}") }))
	Event addLine(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Valid @RequestBody ZeroCarbonFootprintLineFields body) {
		return events.addLine(id, new ZeroCarbonEvents.LineInput(body.item(), body.quantity(), body.unit(), body.label()));
	}

	@DeleteMapping("/api/v1/inclusive/events/{id}/lines/{lineId}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "removeZeroCarbonEventLine", summary = "Remove a footprint line of a planned event · 删除碳足迹行")
	Event removeLine(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Parameter(description = "The line's id · 行编号", example = "12") @PathVariable long lineId) {
		return events.removeLine(id, lineId);
	}

	@PostMapping("/api/v1/inclusive/events/{id}/offset")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "offsetZeroCarbonEvent", summary = "Retire tickets and donated points and neutralise the event · 注销碳票和捐赠积分并中和活动",
			description = """
					One transaction: the tickets and points are retired for good (ledger RETIRE), then the footprint must be complete and
					coverage (offsets ÷ footprint) at least 100 %; otherwise 422 and nothing is retired. A ticket already retired is refused.
					一次事务：碳票和积分永久注销，然后要求碳足迹完整且覆盖率不低于 100%，否则 422 且不注销任何单位。已注销的碳票不能再用。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonOffsetFields.class), examples = @ExampleObject(name = "tickets and points · 碳票和积分", value = OFFSET_EXAMPLE)))
	Event offset(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Valid @RequestBody ZeroCarbonOffsetFields body) {
		return events.offset(id, new ZeroCarbonEvents.OffsetInput(body.ticketSerials(), body.points()));
	}

	@GetMapping("/api/v1/inclusive/events/factors")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "listZeroCarbonEventFactors", summary = "The event footprint factors in force · 现行活动碳足迹因子",
			description = "Travel, accommodation, catering, materials and waste; a factor without a value leaves its lines not assessed. · 无数值的因子其行为未评估。")
	List<EventFactor> factors() {
		return factors.current();
	}

	@PostMapping("/api/v1/inclusive/events/factors/{code}/defaults")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "enterZeroCarbonEventFactorDefault", summary = "Enter a sourced default for a factor (unverified) · 录入来源缺省因子（未核验）",
			description = "A new version with the value and its source, always flagged unverified; existing lines keep theirs. Audited. · 新版本，始终标记未核验；已有行不变。记录审计。")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonFactorDefaultFields.class),
			examples = @ExampleObject(name = "bus · 公交", value = "{\"kgCo2PerUnit\": 0.09, \"source\": \"某市公交公司 2025 年度能耗报告 第 12 页\"}")))
	EventFactor enterDefault(@Parameter(description = "The factor's code · 因子代码", example = "TRAVEL-BUS") @PathVariable String code,
			@Valid @RequestBody ZeroCarbonFactorDefaultFields body) {
		return factors.enterSourcedDefault(code, body.kgCo2PerUnit(), body.source());
	}

	// ------------------------------------------------------------ an organiser (PARTNER)

	@GetMapping("/api/v1/inclusive/partner/events")
	@Operation(operationId = "listPartnerZeroCarbonEvents", summary = "The organiser's own events · 主办方自己的零碳活动")
	List<EventListing> partnerList() {
		return events.list();
	}

	@PostMapping("/api/v1/inclusive/partner/events")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createPartnerZeroCarbonEvent", summary = "Enter an event of the organiser · 主办方录入零碳活动",
			description = "For partners of kind EVENT_ORGANISER; organiserId is ignored. · 仅活动主办方类合作方；忽略 organiserId。")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonEventFields.class), examples = @ExampleObject(name = "forum · 论坛", value = EVENT_EXAMPLE)))
	Event partnerCreate(@Valid @RequestBody ZeroCarbonEventFields body) {
		return events.create(body.input());
	}

	@GetMapping("/api/v1/inclusive/partner/events/{id}")
	@Operation(operationId = "getPartnerZeroCarbonEvent", summary = "One of the organiser's events · 主办方的零碳活动详情",
			description = "404 for another organiser's event. · 其他主办方的活动 404。")
	Event partnerGet(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id) {
		return events.event(id);
	}

	@PutMapping("/api/v1/inclusive/partner/events/{id}")
	@Operation(operationId = "updatePartnerZeroCarbonEvent", summary = "Change one of the organiser's planned events · 修改主办方计划中的活动")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonEventFields.class), examples = @ExampleObject(name = "forum · 论坛", value = EVENT_EXAMPLE)))
	Event partnerUpdate(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Valid @RequestBody ZeroCarbonEventFields body) {
		return events.update(id, body.input());
	}

	@PostMapping("/api/v1/inclusive/partner/events/{id}/lines")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "addPartnerZeroCarbonEventLine", summary = "Add a footprint line to the organiser's event · 主办方新增碳足迹行",
			description = "As addZeroCarbonEventLine. · 同 addZeroCarbonEventLine。")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonFootprintLineFields.class), examples = @ExampleObject(name = "electricity · 用电", value = LINE_EXAMPLE)))
	Event partnerAddLine(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Valid @RequestBody ZeroCarbonFootprintLineFields body) {
		return events.addLine(id, new ZeroCarbonEvents.LineInput(body.item(), body.quantity(), body.unit(), body.label()));
	}

	@DeleteMapping("/api/v1/inclusive/partner/events/{id}/lines/{lineId}")
	@Operation(operationId = "removePartnerZeroCarbonEventLine", summary = "Remove a footprint line of the organiser's event · 主办方删除碳足迹行")
	Event partnerRemoveLine(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Parameter(description = "The line's id · 行编号", example = "12") @PathVariable long lineId) {
		return events.removeLine(id, lineId);
	}

	@PostMapping("/api/v1/inclusive/partner/events/{id}/offset")
	@Operation(operationId = "offsetPartnerZeroCarbonEvent", summary = "The organiser neutralises its event · 主办方注销抵消并中和活动",
			description = "As offsetZeroCarbonEvent; the tickets must be the organiser's. · 同 offsetZeroCarbonEvent；碳票须为主办方持有。")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ZeroCarbonOffsetFields.class), examples = @ExampleObject(name = "tickets and points · 碳票和积分", value = OFFSET_EXAMPLE)))
	Event partnerOffset(@Parameter(description = "The event's id · 活动编号", example = "7") @PathVariable long id,
			@Valid @RequestBody ZeroCarbonOffsetFields body) {
		return events.offset(id, new ZeroCarbonEvents.OffsetInput(body.ticketSerials(), body.points()));
	}

	@GetMapping("/api/v1/inclusive/partner/events/factors")
	@Operation(operationId = "listPartnerZeroCarbonEventFactors", summary = "The event footprint factors in force · 现行活动碳足迹因子")
	List<EventFactor> partnerFactors() {
		return factors.current();
	}

	// ------------------------------------------------------------ the public

	@Schema(name = "ZeroCarbonCertificate", description = "A neutralised event's public certificate · 零碳活动公开证书")
	record ZeroCarbonCertificate(
			@Schema(example = "ZCE-2026-000001", description = "The certificate's serial · 证书编号") String serial,
			@Schema(description = "The event's name · 活动名称") String name,
			@Schema(description = "The organiser · 主办方") String organiserName,
			@Schema(description = "First day · 开始日期") LocalDate startsOn,
			@Schema(description = "Last day · 结束日期") LocalDate endsOn,
			@Schema(description = "Venue · 场馆") String venue,
			@Schema(description = "County (GB/T 2260) · 区县代码") String countyCode,
			@Schema(description = "The footprint, tCO2 · 碳足迹（吨二氧化碳）") BigDecimal footprintCo2T,
			@Schema(description = "Per MEE 2019 category · 分类合计") List<ZeroCarbonEvents.CategoryTotal> categories,
			@Schema(description = "The footprint's lines with their factors · 各行及所用因子") List<ZeroCarbonCertificateLine> lines,
			@Schema(description = "Carbon tickets retired · 注销的碳票编号") List<String> retiredTicketSerials,
			@Schema(description = "Donated points retired (1,000,000 = 1 tCO2) · 注销的捐赠积分") long retiredPoints,
			@Schema(description = "Offsets retired, tCO2 · 抵消量（吨二氧化碳）") BigDecimal offsetCo2T,
			@Schema(description = "Offsets ÷ footprint, a fraction · 覆盖率（小数）") BigDecimal coverage,
			@Schema(description = "When neutralised · 中和时间") Instant neutralisedAt) {

		static ZeroCarbonCertificate of(Event e) {
			var fp = e.footprint();
			return new ZeroCarbonCertificate(e.serial(), e.name(), e.organiserName(), e.startsOn(), e.endsOn(), e.venue(), e.countyCode(),
					fp.assessedCo2T(), fp.categories(), fp.lines().stream().map(ZeroCarbonCertificateLine::of).toList(),
					e.offsets().stream().filter(o -> o.ticketSerial() != null).map(ZeroCarbonEvents.Offset::ticketSerial).toList(),
					e.offsets().stream().filter(o -> o.points() != null).mapToLong(ZeroCarbonEvents.Offset::points).sum(), fp.offsetCo2T(),
					fp.coverage(), e.neutralisedAt());
		}
	}

	@Schema(name = "ZeroCarbonCertificateLine", description = "A footprint line on the certificate · 证书上的碳足迹行")
	record ZeroCarbonCertificateLine(
			@Schema(description = "Category · 类别") EventCategory category,
			@Schema(description = "Item · 项目") String item,
			@Schema(description = "Quantity, in unit · 数量") BigDecimal quantity,
			@Schema(description = "Unit · 单位") String unit,
			@Schema(description = "tCO2 · 排放量（吨二氧化碳）") BigDecimal co2T,
			@Schema(description = "Factor code and version · 因子代码及版本") String factor,
			@Schema(description = "Factor value and unit · 因子数值及单位") String factorValue,
			@Schema(description = "Factor source with its verification tag · 因子来源及核验标记") String factorSource,
			@Schema(description = "Whether the factor counts as verified · 因子是否已核验") boolean factorVerified) {

		static ZeroCarbonCertificateLine of(ZeroCarbonEvents.FootprintLine l) {
			var f = l.factor();
			return new ZeroCarbonCertificateLine(l.category(), l.item(), l.quantity(), l.unit(), l.co2T(),
					f.code() == null ? null : f.code() + " v" + f.version(),
					f.value() == null ? null : f.value().toPlainString() + " " + f.unit(), f.source(), f.verified());
		}
	}

	@GetMapping("/api/v1/public/inclusive/events")
	@Operation(operationId = "listNeutralisedZeroCarbonEvents", summary = "Neutralised events (public) · 已中和的零碳活动（公开）")
	List<EventListing> neutralised() {
		return events.neutralised();
	}

	@GetMapping("/api/v1/public/inclusive/events/{serial}")
	@Operation(operationId = "getZeroCarbonEventCertificate", summary = "A neutralised event's certificate (public) · 零碳活动证书（公开）",
			description = "The footprint by category with each line's factor, the retired ticket serials and pooled points; 404 unless neutralised. "
					+ "· 分类碳足迹及各行因子、注销的碳票编号和积分；未中和的活动 404。")
	ZeroCarbonCertificate certificate(@Parameter(description = "The certificate's serial · 证书编号", example = "ZCE-2026-000001") @PathVariable String serial) {
		return ZeroCarbonCertificate.of(events.certificate(serial));
	}
}
