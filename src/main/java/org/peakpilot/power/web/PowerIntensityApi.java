package org.peakpilot.power.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.power.HourlyIntensity;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.IntensitySource;
import org.peakpilot.power.internal.GenerationIntake;
import org.peakpilot.power.internal.IntensityComputation;
import org.peakpilot.power.internal.IntensityReconciliation;
import org.peakpilot.power.internal.IntensityStore;
import org.peakpilot.power.internal.Zones;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The grid's hourly intensity over REST: read (staff, and the same data publicly for the map), the yearly
 * reconciliation with the official factor, data in (JSON batch, CSV/Excel upload) and the recompute (city-wide staff).
 */
@RestController
@Tag(name = "power", description = "Electricity carbon and green power · 电碳图谱与绿电")
class PowerIntensityApi {

	static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
	/** The longest range one request may ask for: a leap year and a day. */
	static final Duration MAX_RANGE = Duration.ofDays(367);
	static final String ZONE_PATTERN = "^[A-Z0-9-]{2,32}$";
	static final String ZONE = "Zone code: the grid (SICHUAN) or a county (GB/T 2260, e.g. 511111) · 区域代码：电网（SICHUAN）或区县（行政区划代码）";
	static final String FROM = "First hour, inclusive: ISO time with offset, e.g. 2023-07-01T00:00+08:00 · 起始时刻（含），带时区偏移的 ISO 时间";
	static final String TO = "End, exclusive: ISO time with offset; at most 367 days after from · 截止时刻（不含），与起始相距不超过 367 天";
	static final String BASIS = "production or consumption (case-insensitive) · 口径：production（发电侧）或 consumption（用电侧，含调入）";

	private final IntensityStore store;
	private final Zones zones;
	private final IntensityReconciliation reconciliation;
	private final IntensityComputation computation;
	private final GenerationIntake intake;

	PowerIntensityApi(IntensityStore store, Zones zones, IntensityReconciliation reconciliation, IntensityComputation computation,
			GenerationIntake intake) {
		this.store = store;
		this.zones = zones;
		this.reconciliation = reconciliation;
		this.computation = computation;
		this.intake = intake;
	}

	@Schema(name = "PowerHourlyIntensity", description = "A zone's average grid intensity of one hour · 某区域某小时的平均电网碳排放强度")
	record HourIntensity(
			@JsonProperty("hour") @Schema(description = "The hour's start, Beijing time · 小时起点（北京时间）", example = "2023-07-01T14:00:00+08:00") OffsetDateTime hour,
			@JsonProperty("g_per_kwh") @Schema(description = "Average intensity, gCO2/kWh · 平均碳排放强度（克二氧化碳/千瓦时）", example = "38.512") BigDecimal gPerKwh,
			@JsonProperty("basis") @Schema(description = "PRODUCTION or CONSUMPTION · 口径") IntensityBasis basis,
			@JsonProperty("source") @Schema(description = "MEASURED from the hour's data, MODELLED by the documented fill · 实测或模型补全") IntensitySource source,
			@JsonProperty("synthetic") @Schema(description = "True for the bundled made-up data (示例数据（虚构）) · 是否为示例数据（虚构）") boolean synthetic) {

		static HourIntensity of(HourlyIntensity h) {
			return new HourIntensity(h.hour().atOffset(BEIJING), h.gPerKwh(), h.basis(), h.source(), h.synthetic());
		}
	}

	@GetMapping("/api/v1/power/intensity")
	@Operation(operationId = "listHourlyIntensity", summary = "A zone's hourly average grid intensity · 区域逐时平均电网碳排放强度", description = """
			Hour by hour from `from` (inclusive) to `to` (exclusive), at most 367 days, basis production (Σ P·EF ÷ Σ P) or
			consumption (imports traced: (Σ P·EF + Σ Imp·CI) ÷ (Σ P + Σ Imp)); hours without a figure are absent. Rows of the
			bundled made-up data carry synthetic = true. Average intensities only; the marginal signal is never given here.
			逐时平均强度，起始含、截止不含，跨度不超过 367 天；口径为发电侧或用电侧（含调入电力）；缺失小时不返回；示例数据标注 synthetic。""")
	List<HourIntensity> list(@Parameter(description = ZONE, schema = @Schema(pattern = ZONE_PATTERN, example = "SICHUAN")) @RequestParam String zone,
			@Parameter(description = FROM, schema = @Schema(type = "string", format = "date-time", example = "2023-07-01T00:00:00+08:00")) @RequestParam String from,
			@Parameter(description = TO, schema = @Schema(type = "string", format = "date-time", example = "2023-07-02T00:00:00+08:00")) @RequestParam String to,
			@Parameter(description = BASIS, schema = @Schema(allowableValues = { "production", "consumption" }, example = "consumption"))
			@RequestParam(defaultValue = "consumption") String basis) {
		return read(zone, from, to, basis);
	}

	@GetMapping("/api/v1/public/power/intensity")
	@Operation(operationId = "listPublicHourlyIntensity", summary = "A zone's hourly average grid intensity, public (the map) · 区域逐时平均电网碳排放强度（公开）",
			description = """
					The same figures as listHourlyIntensity, without sign-in, for the public electricity-carbon map.
					与 listHourlyIntensity 相同的数据，无需登录，供公众电碳图谱使用。""")
	List<HourIntensity> listPublic(@Parameter(description = ZONE, schema = @Schema(pattern = ZONE_PATTERN, example = "SICHUAN")) @RequestParam String zone,
			@Parameter(description = FROM, schema = @Schema(type = "string", format = "date-time", example = "2023-07-01T00:00:00+08:00")) @RequestParam String from,
			@Parameter(description = TO, schema = @Schema(type = "string", format = "date-time", example = "2023-07-02T00:00:00+08:00")) @RequestParam String to,
			@Parameter(description = BASIS, schema = @Schema(allowableValues = { "production", "consumption" }, example = "consumption"))
			@RequestParam(defaultValue = "consumption") String basis) {
		return read(zone, from, to, basis);
	}

	private List<HourIntensity> read(String zone, String from, String to, String basis) {
		String z = zone(zone);
		Instant f = time("from", from);
		Instant t = time("to", to);
		range(f, t);
		IntensityBasis b = basis(basis);
		return store.hours(z, f, t, b).stream().map(HourIntensity::of).toList();
	}

	@Schema(name = "PowerYearReconciliation", description = "A year's consumption-weighted average against the official factor · 年度加权平均强度与官方因子对账")
	record YearReconciliationView(
			@Schema(description = "Zone code · 区域代码", example = "SICHUAN") String zone,
			@Schema(description = "Year (Beijing time) · 年份", example = "2023") int year,
			@Schema(description = "Consumption-weighted yearly average of the hourly consumption-based intensity, gCO2/kWh · 按用电量加权的年度平均强度（克/千瓦时）", example = "156.4") BigDecimal computedGPerKwh,
			@Schema(description = "The official provincial factor, gCO2/kWh (accounting's GRID factor; null if none) · 官方省级电网排放因子（克/千瓦时）", example = "156.4") BigDecimal officialGPerKwh,
			@Schema(description = "The year of the official factor used (the latest year not after the year when the year has none) · 所用官方因子的年份", example = "2023") Integer officialYear,
			@Schema(description = "The official factor's code in the factor library · 因子库代码", example = "GRID-SICHUAN-2023") String officialFactorCode,
			@Schema(description = "The official factor's verification tag · 核验标记", example = "VERIFIED_SECONDARY") String officialTag,
			@Schema(description = "Gap computed − official, gCO2/kWh · 差值（计算 − 官方，克/千瓦时）", example = "0.012") BigDecimal gapGPerKwh,
			@Schema(description = "Gap in % of the official factor · 差值占官方因子的百分比", example = "0.01") BigDecimal gapPercent,
			@Schema(description = "Measured hours in the year · 实测小时数") long measuredHours,
			@Schema(description = "Modelled hours in the year · 模型补全小时数") long modelledHours,
			@Schema(description = "Hours of the year · 全年小时数", example = "8760") long hoursOfYear,
			@Schema(description = "True when made-up data (示例数据（虚构）) are part of the figure · 是否含示例数据（虚构）") boolean synthetic,
			@Schema(description = "Notes: incomplete year, substituted official year, made-up data · 说明") String note) {
	}

	@GetMapping("/api/v1/power/reconciliation")
	@Operation(operationId = "getIntensityReconciliation", summary = "A zone's yearly intensity reconciled with the official factor · 年度强度与官方省级因子对账",
			description = """
					Σ CI_h·L_h ÷ Σ L_h over the year's consumption-based hours (L_h the hour's load) against accounting's official factor
					of the zone and year (latest year not after it if the year has none, as the note says); the gap in gCO2/kWh and %.
					按小时负荷加权的年度平均用电侧强度，与核算因子库中该年官方因子对比（该年无因子时取此前最近年份并注明），给出差值与百分比。""")
	YearReconciliationView reconcile(@Parameter(description = ZONE, schema = @Schema(pattern = ZONE_PATTERN, example = "SICHUAN")) @RequestParam String zone,
			@Parameter(description = "Year · 年份", schema = @Schema(type = "integer", minimum = "2015", maximum = "2100", example = "2023")) @RequestParam String year) {
		String z = zone(zone);
		int y;
		try {
			y = Integer.parseInt(year.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("year", "a year such as 2023");
		}
		if (y < 2015 || y > 2100) {
			throw new InvalidInputException("year", "a year from 2015 to 2100");
		}
		var r = reconciliation.year(z, y).orElseThrow(() -> new NotFoundException("no computed hours of " + z + " in " + y));
		return new YearReconciliationView(r.zone(), r.year(), r.computedGPerKwh(), r.officialGPerKwh(), r.officialYear(), r.officialFactorCode(),
				r.officialTag(), r.gapGPerKwh(), r.gapPercent(), r.measuredHours(), r.modelledHours(), r.hoursOfYear(), r.synthetic(), r.note());
	}

	@Schema(name = "PowerGenerationEntry", description = "One row: generation (technology, mwh) or interchange (counterpart, import_mwh, export_mwh) · 一行：发电或交换电量")
	record GenerationEntry(
			@Schema(description = "Zone code · 区域代码", example = "SICHUAN", requiredMode = Schema.RequiredMode.REQUIRED) String zone,
			@Schema(description = "The hour's start, ISO time with offset · 小时起点（带时区偏移）", example = "2024-01-15T08:00:00+08:00", requiredMode = Schema.RequiredMode.REQUIRED) String hour,
			@Schema(description = "Generation: HYDRO, WIND, SOLAR, NUCLEAR, COAL, GAS · 发电技术", example = "COAL") String technology,
			@Schema(description = "Generation: MWh in the hour (0 to below 100,000,000, 3 decimals) · 发电量（兆瓦时）", example = "9500") String mwh,
			@Schema(description = "Interchange: the other zone (added as EXTERNAL if new) · 交换对方区域", example = "NORTHWEST") String counterpart,
			@JsonProperty("import_mwh") @Schema(description = "Interchange: MWh received from the counterpart in the hour · 调入电量（兆瓦时）", example = "4200") String importMwh,
			@JsonProperty("export_mwh") @Schema(description = "Interchange: MWh sent to the counterpart in the hour · 调出电量（兆瓦时）", example = "0") String exportMwh) {
	}

	@Schema(name = "PowerGenerationBatch", description = "A batch of hourly data rows, all written or none · 逐时数据批次（全部写入或全部不写）")
	record GenerationBatch(@ArraySchema(maxItems = GenerationIntake.MAX_BATCH, schema = @Schema(implementation = GenerationEntry.class))
			@Schema(description = "Rows, 1 to 10,000 · 数据行") List<GenerationEntry> rows) {
	}

	@Schema(name = "PowerIntakeAnswer", description = "What was written and recomputed · 写入与重算情况")
	record IntakeAnswer(@Schema(description = "Generation rows written · 写入发电行数") int generationRows,
			@Schema(description = "Interchange rows written · 写入交换电量行数") int interchangeRows,
			@Schema(description = "Zones touched · 涉及区域") List<String> zones,
			@Schema(description = "First hour touched · 最早小时") OffsetDateTime firstHour,
			@Schema(description = "Last hour touched · 最晚小时") OffsetDateTime lastHour,
			@Schema(description = "Hourly intensity rows recomputed · 重算的逐时强度行数") int intensityRowsWritten,
			@Schema(description = "Recompute time, ms · 重算耗时（毫秒）") long recomputeMillis) {

		static IntakeAnswer of(GenerationIntake.IntakeReport r) {
			return new IntakeAnswer(r.generationRows(), r.interchangeRows(), r.zones(), r.firstHour().atOffset(BEIJING),
					r.lastHour().atOffset(BEIJING), r.intensityRowsWritten(), r.recomputeMillis());
		}
	}

	@PostMapping(path = "/api/v1/power/generation", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "postGenerationHours", summary = "Push hourly generation and interchange data · 推送逐时发电与交换电量数据", description = """
			At most 10,000 rows, all written or none: any wrong row gives a 400 problem naming each row (1-based) and field.
			A zone-hour sent replaces that zone-hour's bundled made-up rows; the touched zones are recomputed.
			每批不超过 10,000 行，全部写入或全部不写；有误时返回 400 并逐项指明行号与字段；上传的区域小时替换示例数据；涉及区域随即重算。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
			schema = @Schema(implementation = GenerationBatch.class), examples = @ExampleObject(name = "an hour of Sichuan · 四川某小时", value = """
					{"rows": [
					  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "technology": "HYDRO", "mwh": "30100"},
					  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "technology": "COAL", "mwh": "9500"},
					  {"zone": "SICHUAN", "hour": "2024-01-15T08:00:00+08:00", "counterpart": "NORTHWEST", "import_mwh": "4200", "export_mwh": "0"}
					]}""")))
	IntakeAnswer push(@RequestBody GenerationBatch batch) {
		if (batch == null || batch.rows() == null) {
			throw new InvalidInputException("rows", "at least one row");
		}
		List<GenerationIntake.RawRow> rows = new java.util.ArrayList<>();
		for (int i = 0; i < batch.rows().size(); i++) {
			GenerationEntry e = batch.rows().get(i);
			if (e == null) {
				throw new InvalidInputException(List.of(new org.peakpilot.platform.InputError(i + 1, "rows[" + i + "]", "missing")));
			}
			rows.add(new GenerationIntake.RawRow(i + 1, e.zone(), e.hour(), e.technology(), e.mwh(), e.counterpart(), e.importMwh(), e.exportMwh()));
		}
		if (rows.size() > GenerationIntake.MAX_BATCH) {
			throw new InvalidInputException("rows", rows.size() + " rows; at most " + GenerationIntake.MAX_BATCH + " per batch");
		}
		return IntakeAnswer.of(intake.push(rows));
	}

	@PostMapping(path = "/api/v1/power/generation/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "uploadGenerationHours", summary = "Upload hourly generation and interchange data (CSV or Excel) · 上传逐时发电与交换电量（CSV 或 Excel）",
			description = """
					Multipart field 'file': CSV (UTF-8) or .xlsx, header zone,hour,technology,mwh,counterpart,import_mwh,export_mwh, at most
					20 MiB and 100,000 rows; all rows written or none, errors name row and field.
					字段 file：CSV（UTF-8）或 .xlsx，表头如上，不超过 20 MiB、100,000 行；全部写入或全部不写，错误指明行与字段。""")
	IntakeAnswer upload(@Parameter(description = "CSV or .xlsx file · CSV 或 Excel 文件") @RequestParam("file") MultipartFile file) throws IOException {
		if (file.getSize() > GenerationIntake.MAX_FILE_BYTES) {
			throw new InvalidInputException("file", "at most " + GenerationIntake.MAX_FILE_BYTES / 1024 / 1024 + " MiB");
		}
		return IntakeAnswer.of(intake.upload(file.getOriginalFilename(), file.getBytes()));
	}

	@Schema(name = "PowerRecomputeAnswer", description = "A recompute's rows and time · 重算的行数与耗时")
	record RecomputeAnswer(@Schema(description = "Zones recomputed · 重算区域") List<String> zones,
			@Schema(description = "Measured hours · 实测小时数") int measuredHours,
			@Schema(description = "Modelled hours · 模型补全小时数") int modelledHours,
			@Schema(description = "Intensity rows written (both bases) · 写入强度行数") int rowsWritten,
			@Schema(description = "Milliseconds · 耗时（毫秒）") long millis,
			@Schema(description = "How import intensities were taken · 调入电力强度取值说明") List<String> importIntensities) {
	}

	@PostMapping("/api/v1/power/intensity/recompute")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "recomputeHourlyIntensity", summary = "Recompute a zone's hourly intensity for a period · 重算区域某时段逐时强度",
			description = """
					Replaces the zone's hours from `from` (inclusive) to `to` (exclusive), at most 367 days; a grid's counties follow.
					替换该区域时段内的逐时强度（跨度不超过 367 天），电网区域的下属区县随之重算。""")
	RecomputeAnswer recompute(@Parameter(description = ZONE, schema = @Schema(pattern = ZONE_PATTERN, example = "SICHUAN")) @RequestParam String zone,
			@Parameter(description = FROM, schema = @Schema(type = "string", format = "date-time", example = "2023-01-01T00:00:00+08:00")) @RequestParam String from,
			@Parameter(description = TO, schema = @Schema(type = "string", format = "date-time", example = "2024-01-01T00:00:00+08:00")) @RequestParam String to) {
		String z = zone(zone);
		Instant f = time("from", from);
		Instant t = time("to", to);
		range(f, t);
		if (f.getEpochSecond() % 3600 != 0 || t.getEpochSecond() % 3600 != 0) {
			throw new InvalidInputException("from", "from and to are whole hours");
		}
		var r = computation.recompute(z, f, t);
		return new RecomputeAnswer(r.zones().stream().map(IntensityComputation.ZoneResult::zone).toList(),
				r.zones().stream().mapToInt(IntensityComputation.ZoneResult::measuredHours).sum(),
				r.zones().stream().mapToInt(IntensityComputation.ZoneResult::modelledHours).sum(), r.rowsWritten(), r.millis(),
				r.zones().stream().flatMap(x -> x.importIntensities().stream()).distinct().toList());
	}

	String zone(String zone) {
		String z = zone == null ? "" : zone.strip();
		if (!z.matches(ZONE_PATTERN)) {
			throw new InvalidInputException("zone", "a zone code such as SICHUAN or 511111");
		}
		if (zones.find(z).isEmpty()) {
			throw new NotFoundException("zone " + z);
		}
		return z;
	}

	static Instant time(String field, String text) {
		if (text == null || text.length() > 40) {
			throw new InvalidInputException(field, "an ISO time with offset such as 2023-07-01T00:00+08:00");
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "'" + text + "' is not an ISO time with offset such as 2023-07-01T00:00+08:00");
		}
	}

	static void range(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new InvalidInputException("to", "to must be after from");
		}
		if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
			throw new InvalidInputException("to", "at most 367 days after from");
		}
	}

	static IntensityBasis basis(String text) {
		String b = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
		return switch (b) {
			case "PRODUCTION" -> IntensityBasis.PRODUCTION;
			case "CONSUMPTION" -> IntensityBasis.CONSUMPTION;
			default -> throw new InvalidInputException("basis", "production or consumption");
		};
	}
}
