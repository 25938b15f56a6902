package org.peakpilot.projects.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.peakpilot.projects.internal.GreenCriteria;
import org.peakpilot.projects.internal.GreenLibraryStore;
import org.peakpilot.projects.internal.GreenLibraryStore.Entry;
import org.peakpilot.projects.internal.GreenLibraryStore.Filter;
import org.peakpilot.projects.internal.GreenLibraryStore.Kind;
import org.peakpilot.projects.internal.GreenLibraryStore.Listing;
import org.peakpilot.projects.internal.GreenLibraryStore.Status;
import org.peakpilot.projects.internal.GreenLibraryStore.StoredEvaluation;
import org.peakpilot.projects.internal.GreenSettings;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The green enterprise and green project library over REST (plan 二(五)5, ADR 0018 "Green library"): the library of
 * listed entries and its Excel export for banks (BANK) and the office; applications for enterprise users (their own)
 * and the office (review, re-evaluation, removal).
 */
@RestController
@Tag(name = "projects", description = "Project libraries: key projects, green library · 项目库：重点项目库、绿色企业和绿色项目库")
class GreenLibraryApi {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final GreenLibraryStore store;
	private final GreenLibraryWorkbook workbook;

	GreenLibraryApi(GreenLibraryStore store, GreenLibraryWorkbook workbook) {
		this.store = store;
		this.workbook = workbook;
	}

	@GetMapping("/api/v1/projects/green/entries")
	@ApiRoles({ Role.BANK, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "listGreenLibraryEntries", summary = "The green library: listed enterprises and projects · 绿色企业和绿色项目库（已入库）",
			description = """
					Listed entries (LISTED) and entries flagged for removal by the latest re-evaluation (FLAGGED, still listed until the
					office decides), each with its latest evaluation against the entry criteria (grade, tCO2 per 10k CNY output value,
					green-power share as a fraction of 1, catalogue category) and the criteria version. Never applications or rejected
					ones. Banks and the office see the whole library, county officers their county's.
					已入库条目（LISTED）及最近复评标记待移出的条目（FLAGGED，办公室决定前仍在库），附最近一次按准入条件的评价（碳效等级、单位产值排放
					吨二氧化碳/万元、绿电占比小数、目录类别）及条件版本；不含申请和已驳回的条目。银行和办公室看到全部，区县人员看到本区县。""")
	List<Listing> library(
			@Parameter(description = "ENTERPRISE or PROJECT · 企业或项目") @RequestParam(required = false) Kind kind,
			@Parameter(description = "LISTED or FLAGGED · 已入库或待移出") @RequestParam(required = false) Status status,
			@Parameter(description = "County (GB/T 2260) · 区县代码", example = "511112") @RequestParam(required = false) String county,
			@Parameter(description = "Catalogue category code · 目录类别代码", example = "G4") @RequestParam(required = false) String category,
			@Parameter(description = "Text in the enterprise's or project's name, at most 100 characters · 名称关键字") @RequestParam(required = false) String q) {
		return store.library(new Filter(kind, status, county, category, q));
	}

	@GetMapping("/api/v1/projects/green/entries/{id}")
	@ApiRoles({ Role.BANK, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "getGreenLibraryEntry", summary = "One listed entry with its criteria figures · 单个入库条目及准入指标", description = """
			A listed or flagged entry; 404 for an application, a rejected or removed entry, or outside a county officer's county.
			已入库或待移出的条目；申请中、已驳回、已移出或不属于区县人员本区县的条目返回 404。""")
	Listing listing(@Parameter(description = "The entry's id · 条目编号", example = "7") @PathVariable long id) {
		return store.listing(id);
	}

	@GetMapping(path = "/api/v1/projects/green/export", produces = XLSX)
	@ApiRoles({ Role.BANK, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ApiResponse(responseCode = "200", description = "The library as an Excel workbook · 绿色库 Excel 文件",
			content = @Content(mediaType = XLSX, schema = @Schema(type = "string", format = "binary")))
	@Operation(operationId = "exportGreenLibrary", summary = "The green library as Excel, for banks · 导出绿色库 Excel（供银行使用）", description = """
			One sheet, bilingual headers: each listed entry with its enterprise (name, USCC, county, industry), project (name,
			category, investment 万元, expected CO2 reduction t/yr), listing date, last evaluation (Beijing time, criteria version,
			data year, outcome) and the criteria figures (grade, tCO2 per 10k CNY against the industry average, green-power share).
			一个工作表，中英文表头：每个入库条目的企业（名称、统一社会信用代码、区县、行业）、项目（名称、类别、投资万元、预计年减排吨）、入库日期、
			最近评价（北京时间、条件版本、数据年度、结论）及准入指标（碳效等级、单位产值排放与行业平均、绿电占比）。""")
	ResponseEntity<byte[]> export(
			@Parameter(description = "ENTERPRISE or PROJECT · 企业或项目") @RequestParam(required = false) Kind kind,
			@Parameter(description = "County (GB/T 2260) · 区县代码", example = "511112") @RequestParam(required = false) String county,
			@Parameter(description = "Catalogue category code · 目录类别代码", example = "G4") @RequestParam(required = false) String category) {
		byte[] bytes = workbook.write(store.library(new Filter(kind, null, county, category, null)));
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("green-library.xlsx", StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(XLSX)).body(bytes);
	}

	@GetMapping("/api/v1/projects/green/criteria")
	@ApiRoles({ Role.BANK, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getGreenCriteria", summary = "The entry criteria and the catalogue's categories · 准入条件及目录类别", description = """
			The plan folder's criteria in force (version, thresholds) and the first-level categories of the green-industry catalogue
			with their source and verification tag.
			规划目录中现行的准入条件（版本、阈值）及绿色产业目录一级类别（含来源和核实标记）。""")
	GreenCriteriaView criteria() {
		GreenSettings s = store.settings();
		return new GreenCriteriaView(s.version(), s.maxGrade(), s.enterpriseIntensityBelowAverage(), s.minGreenPowerShare(),
				s.projectIntensityBelowAverage(), s.reevaluationIntervalDays(), s.catalogue().stream()
					.map(c -> new GreenCategoryView(c.code(), c.nameZh(), c.nameEn(), c.source(), c.tag())).toList());
	}

	@GetMapping("/api/v1/projects/green/applications")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listGreenApplications", summary = "Applications to the green library · 绿色库申请列表", description = """
			Every application and entry within the caller's scope, flagged and submitted first: an enterprise user its own, county
			officers and park managers those of their enterprises, the office all.
			调用者范围内的全部申请和条目（待移出、待审核在前）：企业用户只看到本企业的，区县人员和园区管理人员看到所辖企业的，办公室看到全部。""")
	List<Entry> applications(
			@Parameter(description = "ENTERPRISE or PROJECT · 企业或项目") @RequestParam(required = false) Kind kind,
			@Parameter(description = "Status · 状态") @RequestParam(required = false) Status status) {
		return store.applications(new Filter(kind, status, null, null, null));
	}

	@PostMapping(path = "/api/v1/projects/green/applications", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.ENTERPRISE_USER })
	@Operation(operationId = "submitGreenApplication", summary = "Apply to the green library for the enterprise or a project · 申请绿色企业或绿色项目入库",
			description = """
					An enterprise user applies for its own enterprise (kind ENTERPRISE) or for one of its projects (kind PROJECT: name,
					catalogue category, investment 万元, expected CO2 reduction t/yr, optionally the project's own annual CO2 t and output
					value 万元 for the intensity criterion). Evidence: a PDF, PNG or JPEG of at most 10 MiB, stored with its SHA-256.
					Evaluated at once against the entry criteria (recorded with the criteria version); 409 while the same enterprise or
					project is already open or listed.
					企业用户为本企业（ENTERPRISE）或本企业的项目（PROJECT：名称、目录类别、投资万元、预计年减排吨，可选项目年排放吨及年产值万元用于强度条件）
					申请入库。证明材料：PDF、PNG 或 JPEG，不超过 10 MiB，保存其 SHA-256。提交即按准入条件评价（记录条件版本）；同一企业或项目已在审或在库时 409。""")
	Entry apply(
			@Parameter(description = "ENTERPRISE or PROJECT · 企业或项目", required = true) @RequestParam(name = "kind", required = false) Kind kind,
			@Parameter(description = "PROJECT: the project's name, at most 200 characters · 项目名称", example = "屋顶分布式光伏 5 MW") @RequestParam(name = "project_name", required = false) String projectName,
			@Parameter(description = "PROJECT: first-level category of the catalogue (see getGreenCriteria) · 目录一级类别", example = "G4") @RequestParam(name = "category_code", required = false) String categoryCode,
			@Parameter(description = "PROJECT: investment, 万元 (10k CNY), 0–1e8, 4 decimals · 总投资（万元）", example = "2200") @RequestParam(name = "investment_10k_cny", required = false) BigDecimal investment,
			@Parameter(description = "PROJECT: expected CO2 reduction, t a year, 0–1e9 · 预计年减排二氧化碳（吨/年）", example = "3200") @RequestParam(name = "co2_reduction_t", required = false) BigDecimal co2Reduction,
			@Parameter(description = "PROJECT: its own annual CO2 once running, t a year, 0–1e9; optional · 项目年排放（吨/年，可选）", example = "120") @RequestParam(name = "annual_co2_t", required = false) BigDecimal annualCo2,
			@Parameter(description = "PROJECT: annual output value, 万元 (10k CNY), above 0, at most 1e9; optional · 年产值（万元，可选）", example = "1500") @RequestParam(name = "output_value_10k_cny", required = false) BigDecimal outputValue,
			@Parameter(description = "Description, at most 2000 characters · 申请说明") @RequestParam(name = "description", required = false) String description,
			@Parameter(description = "Evidence: PDF, PNG or JPEG, at most 10 MiB · 证明材料") @RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		String name = file == null || file.isEmpty() ? null : file.getOriginalFilename();
		return store.apply(new GreenLibraryStore.Application(kind, projectName, categoryCode, investment, co2Reduction, annualCo2, outputValue,
				description, name, bytes));
	}

	@GetMapping("/api/v1/projects/green/applications/{id}")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "getGreenApplication", summary = "One application with its latest evaluation · 单个申请及最近评价", description = """
			404 outside the caller's scope. 不在调用者范围内时 404。""")
	Entry application(@Parameter(description = "The application's id · 申请编号", example = "7") @PathVariable long id) {
		return store.application(id);
	}

	@GetMapping("/api/v1/projects/green/applications/{id}/evaluations")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@Operation(operationId = "listGreenEvaluations", summary = "Every evaluation of an application, newest first · 申请的全部评价记录（新的在前）", description = """
			Each with its occasion (APPLICATION, DECISION, REEVALUATION), criteria version and criteria figures.
			每条含评价场合（申请、审核、复评）、条件版本及各项指标。""")
	List<StoredEvaluation> evaluations(@Parameter(description = "The application's id · 申请编号", example = "7") @PathVariable long id) {
		return store.evaluations(id);
	}

	@PostMapping("/api/v1/projects/green/applications/{id}/approve")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "approveGreenApplication", summary = "List a submitted application · 审核通过并入库", description = """
			Evaluated again with current data (recorded with the criteria version), then listed with today's date (Beijing).
			A comment is required when the evaluation is not MET. 409 unless submitted. Audited.
			按当前数据重新评价（记录条件版本）后入库，入库日期为当天（北京时间）。评价结论不是“全部满足”时须填写意见。非待审核状态 409。记录审计。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenDecisionBody.class),
			examples = @ExampleObject(name = "approve · 通过", value = "{\"comment\": \"符合入库条件 Meets the criteria\"}")))
	Entry approve(@Parameter(description = "The application's id · 申请编号", example = "7") @PathVariable long id,
			@RequestBody(required = false) GreenDecisionBody body) {
		return store.approve(id, body == null ? null : body.comment());
	}

	@PostMapping("/api/v1/projects/green/applications/{id}/reject")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "rejectGreenApplication", summary = "Reject a submitted application with a comment · 驳回申请（须填写意见）", description = """
			409 unless submitted. Audited. 非待审核状态 409。记录审计。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenDecisionBody.class),
			examples = @ExampleObject(name = "reject · 驳回", value = "{\"comment\": \"绿电占比不足 Green-power share too low\"}")))
	Entry reject(@Parameter(description = "The application's id · 申请编号", example = "7") @PathVariable long id,
			@RequestBody(required = false) GreenDecisionBody body) {
		return store.reject(id, body == null ? null : body.comment());
	}

	@PostMapping("/api/v1/projects/green/entries/{id}/remove")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "removeGreenEntry", summary = "Confirm the removal of a flagged entry · 确认移出待移出条目", description = """
			With a comment; 409 unless flagged. Audited. 须填写意见；非待移出状态 409。记录审计。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenDecisionBody.class),
			examples = @ExampleObject(name = "remove · 移出", value = "{\"comment\": \"碳效等级下降 Grade fell\"}")))
	Entry remove(@Parameter(description = "The entry's id · 条目编号", example = "7") @PathVariable long id,
			@RequestBody(required = false) GreenDecisionBody body) {
		return store.remove(id, body == null ? null : body.comment());
	}

	@PostMapping("/api/v1/projects/green/entries/{id}/keep")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "keepGreenEntry", summary = "Keep a flagged entry listed, with a comment · 保留待移出条目（须填写意见）", description = """
			Back to LISTED; the grade of record becomes the latest evaluation's. 409 unless flagged. Audited.
			恢复为已入库，记录的等级改为最近一次评价的等级。非待移出状态 409。记录审计。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenDecisionBody.class),
			examples = @ExampleObject(name = "keep · 保留", value = "{\"comment\": \"已签订绿电合同 Green-power contract signed\"}")))
	Entry keep(@Parameter(description = "The entry's id · 条目编号", example = "7") @PathVariable long id,
			@RequestBody(required = false) GreenDecisionBody body) {
		return store.keep(id, body == null ? null : body.comment());
	}

	@PostMapping("/api/v1/projects/green/reevaluations")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "reevaluateGreenLibrary", summary = "Re-evaluate every listed entry now · 立即复评全部入库条目", description = """
			Each listed entry is evaluated against current data; one that no longer meets a criterion, or whose grade fell below
			the grade it was listed with, is flagged for removal with the reason. Answers the ids flagged.
			按当前数据评价每个入库条目；不再满足某项条件或碳效等级低于入库时等级的，标记为待移出并记录原因。返回被标记的条目编号。""")
	GreenReevaluationView reevaluate() {
		return new GreenReevaluationView(store.reevaluate(false));
	}

	/** The office's comment on a decision. */
	@Schema(name = "GreenDecisionBody", description = "The office's comment on a decision · 审核意见")
	record GreenDecisionBody(@Schema(description = "The comment, at most 2000 characters · 意见", example = "符合入库条件") String comment) {
	}

	/** What a re-evaluation flagged. */
	@Schema(name = "GreenReevaluation", description = "The entries a re-evaluation flagged for removal · 复评标记待移出的条目")
	record GreenReevaluationView(@Schema(description = "Ids of the entries flagged · 被标记条目编号") List<Long> flagged) {
	}

	/** The criteria in force. */
	@Schema(name = "GreenCriteria", description = "The entry criteria in force · 现行准入条件")
	record GreenCriteriaView(
			@Schema(description = "criteria.version · 条件版本", example = "leshan-2026.12-1") String version,
			@JsonProperty("enterprise_max_grade") @Schema(description = "Highest carbon-efficiency grade admitted (1 best) · 碳效等级上限", example = "2") int maxGrade,
			@JsonProperty("enterprise_intensity_below_industry_average") @Schema(description = "tCO2 per 10k CNY output value below the industry average required · 是否要求单位产值排放低于行业平均") boolean enterpriseIntensity,
			@JsonProperty("enterprise_min_green_power_share") @Schema(description = "Least green kWh ÷ purchased kWh, fraction of 1 · 绿电占比下限（小数）", example = "0.2") BigDecimal minGreenPowerShare,
			@JsonProperty("project_intensity_below_industry_average") @Schema(description = "A project's stated tCO2 per 10k CNY below the applicant's industry average required · 是否要求项目单位产值排放低于行业平均") boolean projectIntensity,
			@JsonProperty("reevaluation_interval_days") @Schema(description = "Days between periodic re-evaluations · 复评间隔（天）", example = "90") int reevaluationIntervalDays,
			@Schema(description = "First-level categories of the green-industry catalogue · 绿色产业目录一级类别") List<GreenCategoryView> catalogue) {
	}

	/** A catalogue category. */
	@Schema(name = "GreenCatalogueCategory", description = "A first-level category of the green-industry catalogue · 绿色产业目录一级类别")
	record GreenCategoryView(
			@Schema(description = "Code (ours, not the catalogue's) · 代码", example = "G4") String code,
			@JsonProperty("name_zh") @Schema(description = "Name, Chinese · 名称", example = "能源绿色低碳转型") String nameZh,
			@JsonProperty("name_en") @Schema(description = "Name, English · 英文名称") String nameEn,
			@Schema(description = "Source document · 来源") String source,
			@Schema(description = "Verification tag ([unverified] …) · 核实标记") String tag) {
	}
}
