package org.peakpilot.power.web;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.power.internal.GecCodes;
import org.peakpilot.power.internal.GecImport;
import org.peakpilot.power.internal.GecLedger;
import org.peakpilot.power.internal.GecLedger.LotStatus;
import org.peakpilot.power.internal.GreenClaimBook;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Green certificates (绿证), green-power contracts and green-electricity claims over REST. Reads are scoped (an
 * enterprise its own, a county officer its county's, the office all); an enterprise user operates its own lots and
 * claims, the office everything; contracts, cancellations and CCER freezes are the office's.
 */
@RestController
@Tag(name = "power", description = "Electricity carbon and green power · 电碳图谱与绿电")
class PowerCertificateApi {

	static final int MAX_PAGE = 500;

	private final GecLedger ledger;
	private final GecImport imports;
	private final GreenClaimBook claims;

	PowerCertificateApi(GecLedger ledger, GecImport imports, GreenClaimBook claims) {
		this.ledger = ledger;
		this.imports = imports;
		this.claims = claims;
	}

	@Schema(name = "GecCodeToValidate", description = "A green certificate code to check · 待校验的绿证编码")
	record GecCodeBody(@Size(max = 200) @Schema(description = "The code: 32 letters and digits · 绿证编码（32 位字母和数字）",
			example = "A1B2C3D4E5F6G7H8J202403000012345", maxLength = 200) String code) {
	}

	@PostMapping("/api/v1/power/certificates/validate")
	@Operation(operationId = "validateGecCode", summary = "Check a green certificate code's structure · 校验绿证编码结构", description = """
			200 with the project part (characters 1–17) and output part (18–32) for a well-formed code; 400 naming what is wrong
			(length, a character that is not a letter or digit, with its position and part). Field widths inside the parts and the
			check algorithm are not sourced and not checked: well-formed is not proof of a genuine certificate.
			结构正确时返回项目编码（第 1–17 位）和电量编码（第 18–32 位）；否则 400 并指出问题（长度、非字母数字字符的位置与所在部分）。
			各部分内部字段宽度与校验算法无公开来源，未校验。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GecCodeBody.class), examples = @ExampleObject(name = "code · 编码", value = "{\"code\": \"A1B2C3D4E5F6G7H8J202403000012345\"}")))
	GecCodes.Decoded validate(@RequestBody GecCodeBody body) {
		if (body != null && body.code() != null && body.code().length() > 200) {
			throw new InvalidInputException("code", "the code has " + body.code().length() + " characters; a green certificate code has 32");
		}
		return GecCodes.decode("code", body == null ? null : body.code());
	}

	@GetMapping("/api/v1/power/certificates")
	@Operation(operationId = "listGecLots", summary = "Green certificate lots in scope · 绿证批次列表", description = "Newest production month first · 按生产年月倒序")
	List<GecLedger.Lot> list(@Parameter(description = "Of this holding enterprise · 持有企业编号") @RequestParam(name = "enterprise_id", required = false) Long enterpriseId,
			@Parameter(description = "Of this status · 状态") @RequestParam(required = false) LotStatus status,
			@Parameter(description = "Produced in this year · 生产年度") @RequestParam(required = false) Integer year,
			@Parameter(description = "Code or project contains, at most 100 characters · 编码或项目名称包含") @RequestParam(name = "q", required = false) String text,
			@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(defaultValue = "0") int offset) {
		if (text != null && text.length() > 100) {
			throw new InvalidInputException("q", "at most 100 characters");
		}
		if (year != null && (year < 2000 || year > 2100)) {
			throw new InvalidInputException("year", "a year from 2000 to 2100");
		}
		return ledger.list(new GecLedger.LotQuery(enterpriseId, status, text, year, page(limit), offset(offset)));
	}

	@GetMapping("/api/v1/power/certificates/{id}")
	@Operation(operationId = "getGecLot", summary = "A green certificate lot · 绿证批次详情")
	GecLedger.Lot get(@Parameter(description = "The lot's id · 批次编号", example = "1") @PathVariable long id) {
		return ledger.get(id);
	}

	@GetMapping("/api/v1/power/certificates/{id}/history")
	@Operation(operationId = "listGecLotEvents", summary = "A lot's history, oldest first · 绿证批次变更记录")
	List<GecLedger.Event> history(@Parameter(description = "The lot's id · 批次编号", example = "1") @PathVariable long id) {
		return ledger.history(id);
	}

	@PostMapping("/api/v1/power/certificates")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "createGecLot", summary = "Enter a green certificate lot · 录入绿证批次", description = """
			A code exists once; the expiry is the production month + 2 years (month end); pre-2023 hydro and self-use are never tradable.
			编码唯一；有效期为生产月份起两年（月末）；2023 年前水电和自发自用绿证不可交易。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GecLedger.LotInput.class), examples = @ExampleObject(name = "wind lot · 风电绿证", value = LOT_EXAMPLE)))
	GecLedger.Lot create(@RequestBody GecLedger.LotInput body) {
		return ledger.enter(body);
	}

	static final String LOT_EXAMPLE = """
			{"code": "A1B2C3D4E5F6G7H8J202403000012345", "project_name": "沐川县风电场一期", "technology": "WIND", "production_month": "2024-03",
			 "mwh": 1200, "holder_enterprise_id": 42, "self_use": false, "ccer_frozen": false}""";

	@PostMapping(path = "/api/v1/power/certificates/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "importGecLots", summary = "Import lots from the trading platform's export (.xlsx or .csv) · 导入绿证交易平台导出文件", description = """
			All or nothing; header row: 绿证编码 Code, 项目名称 Project, 技术类型 Technology, 生产年月 Production month, 数量 GECs (MWh),
			起始序号 First serial, 截止序号 Last serial, 持有方统一社会信用代码 Holder USCC, 自发自用 Self-use, CCER冻结 CCER frozen; at most 5 MiB and
			5000 rows. Errors name the row and column. 全部成功或全部不导入；错误指明行和列。""")
	List<GecLedger.Lot> importFile(@Parameter(description = "The .xlsx or UTF-8 .csv file · 文件") @RequestPart(name = "file", required = false) MultipartFile file)
			throws IOException {
		if (file == null) {
			throw new InvalidInputException("file", "a file is required");
		}
		return imports.importFile(file.getOriginalFilename(), file.getBytes());
	}

	@Schema(name = "GecTransferOrder", description = "Transfer of a lot to another enterprise · 绿证转让")
	record GecTransferBody(@JsonProperty("to_enterprise_id") @Schema(description = "The receiving enterprise · 受让企业编号", example = "43") Long toEnterpriseId,
			@Size(max = GecLedger.MAX_REFERENCE) @Schema(description = "Trade reference, at most 100 characters · 交易单号", maxLength = GecLedger.MAX_REFERENCE) String reference,
			@Size(max = GecLedger.MAX_NOTE) @Schema(description = "Note, at most 500 characters · 备注", maxLength = GecLedger.MAX_NOTE) String note) {
	}

	@PostMapping("/api/v1/power/certificates/{id}/transfer")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "transferGecLot", summary = "Transfer a lot (sold once) · 转让绿证批次", description = """
			Only a HELD, tradable, unexpired, unfrozen lot; the holder's enterprise user or the office. 仅限持有中、可交易、未过期、未冻结的批次。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GecTransferBody.class), examples = @ExampleObject(name = "transfer · 转让", value = "{\"to_enterprise_id\": 43, \"reference\": \"GEC-TR-2024-0001\"}")))
	GecLedger.Lot transfer(@Parameter(description = "The lot's id · 批次编号", example = "1") @PathVariable long id, @RequestBody GecTransferBody body) {
		GecTransferBody b = body == null ? new GecTransferBody(null, null, null) : body;
		return ledger.transfer(id, b.toEnterpriseId(), b.reference(), b.note());
	}

	@Schema(name = "GecDeclaration", description = "A declaration of consumption · 绿证声明消费")
	record GecNoteBody(@Size(max = GecLedger.MAX_NOTE) @Schema(description = "Note, at most 500 characters · 备注", maxLength = GecLedger.MAX_NOTE) String note) {
	}

	@PostMapping("/api/v1/power/certificates/{id}/declare")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "declareGecLot", summary = "Declare a lot consumed (核销) so a claim may use it · 声明绿证已消费")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GecNoteBody.class), examples = @ExampleObject(name = "declare · 声明", value = "{\"note\": \"2024 年 3 月用电\"}")))
	GecLedger.Lot declare(@Parameter(description = "The lot's id · 批次编号", example = "1") @PathVariable long id,
			@RequestBody(required = false) GecNoteBody body) {
		return ledger.declare(id, body == null ? null : body.note());
	}

	@Schema(name = "GecCancellation", description = "Why a lot is cancelled · 注销原因")
	record GecReasonBody(@Size(max = GecLedger.MAX_NOTE) @Schema(description = "Reason, at most 500 characters · 原因", maxLength = GecLedger.MAX_NOTE) String reason) {
	}

	@PostMapping("/api/v1/power/certificates/{id}/cancel")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "cancelGecLot", summary = "Cancel a lot not backing a claim · 作废绿证批次")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GecReasonBody.class), examples = @ExampleObject(name = "cancel · 作废", value = "{\"reason\": \"交易平台撤销核发\"}")))
	GecLedger.Lot cancel(@Parameter(description = "The lot's id · 批次编号", example = "1") @PathVariable long id, @RequestBody GecReasonBody body) {
		return ledger.cancel(id, body == null ? null : body.reason());
	}

	@Schema(name = "GecCcerFreeze", description = "The project chose CCER · 项目选择 CCER")
	record GecFreezeBody(@Size(max = GecLedger.MAX_REFERENCE) @Schema(description = "Reference of the CCER registration, at most 100 characters · CCER 登记编号", maxLength = GecLedger.MAX_REFERENCE) String reference) {
	}

	@PostMapping("/api/v1/power/certificates/{id}/freeze")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "freezeGecLot", summary = "Freeze a lot whose project chose CCER · 冻结选择 CCER 项目的绿证")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GecFreezeBody.class), examples = @ExampleObject(name = "freeze · 冻结", value = "{\"reference\": \"CCER-2024-0012\"}")))
	GecLedger.Lot freeze(@Parameter(description = "The lot's id · 批次编号", example = "1") @PathVariable long id, @RequestBody(required = false) GecFreezeBody body) {
		return ledger.freeze(id, body == null ? null : body.reference());
	}

	// ---------------------------------------------------------------- claims and contracts

	@GetMapping("/api/v1/power/claims")
	@Operation(operationId = "listGreenClaims", summary = "Green-electricity claims in scope · 绿电声明列表")
	List<GreenClaimBook.Claim> claims(@Parameter(description = "Of this enterprise · 企业编号") @RequestParam(name = "enterprise_id", required = false) Long enterpriseId,
			@Parameter(description = "Of this year · 年度") @RequestParam(required = false) Integer year,
			@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(defaultValue = "0") int offset) {
		return claims.claims(enterpriseId, year, page(limit), offset(offset));
	}

	@GetMapping("/api/v1/power/claims/{id}")
	@Operation(operationId = "getGreenClaim", summary = "A claim with its lots · 绿电声明详情")
	GreenClaimBook.Claim claim(@Parameter(description = "The claim's id · 声明编号", example = "1") @PathVariable long id) {
		return claims.claim(id);
	}

	@PostMapping("/api/v1/power/claims")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.ENTERPRISE_USER })
	@Operation(operationId = "createGreenClaim", summary = "Claim certified green electricity from declared certificates · 以已声明绿证申报绿电消费", description = """
			Only declared, unfrozen, unclaimed lots of the enterprise produced within the claimed months ([U] period rule); lots are used
			whole and back one claim only; more than the declared MWh is refused (409). The claimed MWh enter accounting's market-based scope 2 at zero.
			仅限本企业已声明、未冻结、未被使用且生产月份在声明期间内的绿证；超出已声明电量的申报被拒绝。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenClaimBook.ClaimInput.class), examples = @ExampleObject(name = "year 2024 · 2024 年度",
					value = "{\"enterprise_id\": 42, \"year\": 2024, \"month_from\": 1, \"month_to\": 12, \"mwh\": 1200}")))
	GreenClaimBook.Claim createClaim(@RequestBody GreenClaimBook.ClaimInput body) {
		return claims.claim(body);
	}

	@GetMapping("/api/v1/power/contracts")
	@Operation(operationId = "listGreenPowerContracts", summary = "Green-power contracts in scope (the buyer's) · 绿电交易列表")
	List<GreenClaimBook.Contract> contracts(@Parameter(description = "Of this buyer · 购电企业编号") @RequestParam(name = "enterprise_id", required = false) Long enterpriseId,
			@Parameter(description = "At most this many, 1–500 · 条数上限") @RequestParam(defaultValue = "100") int limit,
			@Parameter(description = "Skip this many · 跳过条数") @RequestParam(defaultValue = "0") int offset) {
		return claims.contracts(enterpriseId, page(limit), offset(offset));
	}

	@PostMapping("/api/v1/power/contracts")
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "createGreenPowerContract", summary = "Record a green-power purchase and move its certificates · 录入绿电交易并划转绿证")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = GreenClaimBook.ContractInput.class), examples = @ExampleObject(name = "March 2024 · 2024 年 3 月",
					value = "{\"buyer_enterprise_id\": 42, \"seller_enterprise_id\": 7, \"generator_name\": \"沐川县风电场\", \"reference\": \"SC-LD-2024-0315\", \"delivery_month\": \"2024-03\", \"mwh\": 1200, \"lot_ids\": [1]}")))
	GreenClaimBook.Contract createContract(@RequestBody GreenClaimBook.ContractInput body) {
		return claims.contract(body);
	}

	static int page(int limit) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new InvalidInputException("limit", "from 1 to " + MAX_PAGE);
		}
		return limit;
	}

	static int offset(int offset) {
		if (offset < 0 || offset > 1_000_000) {
			throw new InvalidInputException("offset", "from 0 to 1000000");
		}
		return offset;
	}
}
