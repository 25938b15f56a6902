package org.peakpilot.budget.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.budget.internal.SinkLedger;
import org.peakpilot.budget.internal.SinkLedger.Credit;
import org.peakpilot.budget.internal.SinkLedger.CreditedTo;
import org.peakpilot.budget.internal.SinkLedger.Entry;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.Role;
import org.springframework.format.annotation.DateTimeFormat;
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
 * The sink ledger (碳汇) and a version's sink credit over REST (issue 12 item 7, ADR 0016). The forestry bureau's
 * officer (FORESTRY_OFFICER) enters the verified increments and reads the ledger; the city's roles may enter them for
 * the bureau. The sink credit is the office's (city roles, county officers read).
 */
@RestController
@Tag(name = "budget", description = "Carbon budgets: allocation · 碳预算：预算分配")
class BudgetSinkApi {

	private final SinkLedger sinks;

	BudgetSinkApi(SinkLedger sinks) {
		this.sinks = sinks;
	}

	@PostMapping(path = "/api/v1/budget/sinks", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "recordBudgetSink", summary = "Record a verified forestry sink increment with its evidence · 录入经核证的林业碳汇增量及证明材料",
			description = """
					Entered by the forestry bureau's officer (FORESTRY_OFFICER), or by a city role for the forestry bureau (林业局),
					audited with the user's name and role (entered_role). Evidence: the verification's reference number (文号),
					the verification document (PDF, PNG or JPEG, at most 10 MiB, stored with its SHA-256), or both. Append-only: a
					correction is a new entry. Sinks never enter an intensity figure; they feed the sink credit only.
					由林业部门人员录入，或由市级角色代林业局录入，审计记录录入人及角色。证明材料：核证文号、核证文件（PDF、PNG 或 JPEG，不超过 10 MiB，保存其 SHA-256），或两者兼有。
					台账只增不改：更正另录一条。碳汇不计入强度，只用于碳汇抵扣。""")
	Entry record(
			@Parameter(description = "The county (region code) whose forests absorbed it · 区县代码", example = "511181") @RequestParam(name = "county_code", required = false) String countyCode,
			@Parameter(description = "The year of the increment, 2000–2100 · 年度", example = "2027") @RequestParam(name = "year", required = false) Integer year,
			@Parameter(description = "ΔS: the verified increment, tCO2, above 0 and at most 1e9, 6 decimals; negative only to correct an entry · 碳汇增量，吨二氧化碳（更正时为负）", example = "125000") @RequestParam(name = "increment_t", required = false) BigDecimal increment,
			@Parameter(description = "The entry this one corrects (then increment_t is negative, at most what is left of it) · 所更正的条目编号", example = "12") @RequestParam(name = "corrects_entry_id", required = false) Long correctsEntryId,
			@Parameter(description = "When it was verified, not after today · 核证日期", example = "2027-03-15") @RequestParam(name = "verified_on", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate verifiedOn,
			@Parameter(description = "The verifying body, at most 200 characters · 核证机构", example = "四川省林业科学研究院") @RequestParam(name = "verified_by", required = false) String verifiedBy,
			@Parameter(description = "The verification's reference number (文号), at most 100 characters; required without a file · 核证文号", example = "乐市林发〔2027〕12号") @RequestParam(name = "reference_number", required = false) String referenceNumber,
			@Parameter(description = "The verification document: PDF, PNG or JPEG, at most 10 MiB · 核证文件") @RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		String name = file == null ? null : file.getOriginalFilename();
		return sinks.record(new SinkLedger.NewEntry(countyCode, year, increment, correctsEntryId, verifiedOn, verifiedBy, referenceNumber, name, bytes));
	}

	@GetMapping("/api/v1/budget/sinks")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "listBudgetSinks", summary = "The year's sink ledger · 年度碳汇台账", description = """
			The year's verified increments with their evidence (without the document's bytes). A county officer sees its county's;
			the forestry officer and city roles the whole city's.
			Sinks never enter an intensity figure.
			年度经核证的碳汇增量及证明材料（不含文件内容）。区县人员只看到本区县，林业部门人员和市级角色看到全市。碳汇不计入强度。""")
	List<Entry> list(@Parameter(description = "The year, 2000–2100 · 年度", example = "2027", required = true) @RequestParam("year") int year) {
		return sinks.entries(BudgetYearApi.checkedYear(year));
	}

	@GetMapping("/api/v1/budget/sinks/{id}/document")
	@ApiRoles({ Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@ApiResponse(responseCode = "200", description = "The stored document · 已保存的文件", content = {
			@Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
			@Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")) })
	@Operation(operationId = "downloadBudgetSinkDocument", summary = "An entry's evidence document · 碳汇证明文件", description = """
			The document as stored (its SHA-256 is in the entry); 404 without one or outside a county officer's county.
			按原样返回（SHA-256 见台账条目）；无文件或不属于区县人员本区县时 404。""")
	ResponseEntity<byte[]> document(@Parameter(description = "The entry's id · 条目编号", example = "1") @PathVariable long id) {
		SinkLedger.Document d = sinks.document(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.type()))
			.body(d.bytes());
	}

	@GetMapping("/api/v1/budget/years/{year}/versions/{version}/sink-credit")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER })
	@Operation(operationId = "getBudgetSinkCredit", summary = "How a version's sink credit came about · 版本碳汇抵扣的来源与去向", description = """
			credit_t = min(Σ ΔS of the year's ledger, β × total_t) unless the office entered the figure; credited to the reserve or
			to the producing counties. The credit is a line of the budget (total = budgets + reserve + pool + sink credit), never part of
			an intensity figure reported upward. 404 for a version made before the ledger.
			碳汇抵扣 = min(当年台账增量合计, β × 总量)（办公室录入的除外），计入预留或产生碳汇的区县。抵扣是预算恒等式中的一项，不计入上报的强度。""")
	Credit credit(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number · 版本号", example = "1") @PathVariable int version) {
		return sinks.credit(BudgetYearApi.checkedYear(year), version);
	}

	@PostMapping("/api/v1/budget/years/{year}/versions/{version}/sink-credit")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "creditBudgetSink", summary = "Credit a draft's sink credit to the reserve or the producing counties · 指定草稿碳汇抵扣的去向",
			description = """
					The office's choice, recorded and audited: RESERVE, or COUNTIES (split by each county's Σ ΔS of the year in whole
					tonnes by largest remainder). Drafts only (409 afterwards).
					办公室的选择（记录并审计）：计入预留，或按各区县当年碳汇增量以最大余数法（整吨）分给产生碳汇的区县。仅限草稿（否则 409）。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = BudgetSinkCreditBody.class),
			examples = @ExampleObject(name = "to the producing counties · 计入产生碳汇的区县", value = "{\"credited_to\": \"COUNTIES\"}")))
	Credit creditTo(@Parameter(description = "The budget year, 2000–2100 · 预算年度", example = "2027") @PathVariable int year,
			@Parameter(description = "The version number · 版本号", example = "1") @PathVariable int version, @RequestBody BudgetSinkCreditBody body) {
		return sinks.creditTo(BudgetYearApi.checkedYear(year), version, body == null ? null : body.creditedTo());
	}

	/** Whom the credit serves. */
	@Schema(name = "BudgetSinkCreditBody", description = "Whom a draft's sink credit is credited to · 碳汇抵扣去向")
	record BudgetSinkCreditBody(
			@JsonProperty("credited_to") @Schema(description = "RESERVE or COUNTIES · 计入预留或区县", requiredMode = Schema.RequiredMode.REQUIRED) CreditedTo creditedTo) {
	}
}
