package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.PurchasedElectricity;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.power.HourlyIntensity;
import org.peakpilot.power.IntensityBasis;
import org.peakpilot.power.IntensitySource;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Product footprints (产品碳足迹, export evidence) for polysilicon (kgCO2/kg) and PV modules (gCO2/W): the plant's
 * electricity hour by hour × the hour's consumption-based intensity (GEC-covered kWh at zero), plus scope 1 of the
 * year's verified reports, over the output; beside it the same with the yearly official grid factor and with the
 * French ECS default for China ({@link FootprintReferences}). Without metered hours the reports' yearly kWh and the
 * yearly factor stand alone, and the footprint says "no metered hours". Each computation is stored with its inputs
 * (factor code and version, zone and hours, GEC lots, months) and never changed; a recomputation is a new row.
 * Within the enterprise's scope: the enterprise itself, its county, park and the city's roles.
 */
@Component
public class Footprints {

	private static final Logger log = LoggerFactory.getLogger(Footprints.class);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	/** The largest output a footprint takes, in the entered unit. */
	public static final BigDecimal OUTPUT_MAX = new BigDecimal("1000000000000");

	/** The products a footprint is computed for, with their footprint unit, output units and accounting's product code. */
	public enum Product {
		POLYSILICON("kgCO2/kg", "kg", new BigDecimal("1000"), "POLYSILICON", Map.of("kg", BigDecimal.ONE, "t", new BigDecimal("1000"))),
		PV_MODULE("gCO2/W", "W", new BigDecimal("1000000"), null,
				Map.of("W", BigDecimal.ONE, "kW", new BigDecimal("1000"), "MW", new BigDecimal("1000000")));

		final String footprintUnit;
		final String baseUnit;
		/** From tCO2 to the footprint's numerator (kg or g). */
		final BigDecimal scale;
		/** accounting's product code whose quantity (in t) is the output, or null. */
		final String reportProduct;
		final Map<String, BigDecimal> units;

		Product(String footprintUnit, String baseUnit, BigDecimal scale, String reportProduct, Map<String, BigDecimal> units) {
			this.footprintUnit = footprintUnit;
			this.baseUnit = baseUnit;
			this.scale = scale;
			this.reportProduct = reportProduct;
			this.units = units;
		}

		public String footprintUnit() {
			return footprintUnit;
		}

		public Set<String> outputUnits() {
			return units.keySet();
		}
	}

	/** A stored footprint with the inputs it used. */
	@Schema(name = "ProductFootprint", description = "A stored product footprint with the inputs it used · 已保存的产品碳足迹及其输入")
	public record Footprint(
			@Schema(description = "The footprint's id · 编号", example = "12") long id,
			@Schema(description = "The enterprise's id · 企业编号", example = "7") long enterpriseId,
			@Schema(description = "The year · 年度", example = "2025") int year,
			@Schema(description = "POLYSILICON (kgCO2/kg) or PV_MODULE (gCO2/W) · 产品") Product product,
			@Schema(description = "The footprint's unit: kgCO2/kg or gCO2/W · 碳足迹单位", example = "kgCO2/kg") String footprintUnit,
			@Schema(description = "The output the footprint divides by, in outputUnit (kg or W) · 产量（kg 或 W）", example = "20000000") BigDecimal outputQuantity,
			@Schema(description = "kg (polysilicon) or W (modules) · 产量单位", example = "kg") String outputUnit,
			@Schema(description = "REPORT (the verified reports' product lines) or ENTERED · 产量来源", example = "REPORT") String outputSource,
			@Schema(description = "The plant's electricity, kWh · 用电量（kWh）", example = "1100000000") BigDecimal electricityKwh,
			@Schema(description = "METERED_HOURS or REPORTS (no metered hours: the yearly kWh) · 电量来源", example = "REPORTS") String electricitySource,
			@Schema(description = "kWh covered by declared GECs, counted at zero · 绿证覆盖电量（kWh，按零计）", example = "300000000") BigDecimal gecKwh,
			@Schema(description = "Metered hours used · 计量小时数", example = "0") int hoursMetered,
			@Schema(description = "Of them, hours with an hourly intensity (the others at the yearly factor) · 其中有逐时强度的小时数", example = "0") int hoursWithIntensity,
			@Schema(description = "Electricity tCO2 from hours × hourly intensity; absent without metered hours · 逐时法电力排放（吨二氧化碳）") BigDecimal electricityHourlyT,
			@Schema(description = "Electricity tCO2 at the yearly official factor · 年度官方因子法电力排放（吨二氧化碳）", example = "128240") BigDecimal electricityYearlyT,
			@Schema(description = "Electricity tCO2 at the ECS default for China (certificates not applied); absent without it · ECS 缺省因子法电力排放（吨二氧化碳）") BigDecimal electricityEcsT,
			@Schema(description = "Scope 1 of the verified reports, tCO2 · 范围一排放（吨二氧化碳）", example = "60000") BigDecimal scope1T,
			@Schema(description = "Footprint by hourly intensity, in footprintUnit; absent without metered hours · 逐时强度法碳足迹") BigDecimal footprintHourly,
			@Schema(description = "Footprint by the yearly official factor, in footprintUnit · 年度官方因子法碳足迹", example = "9.41") BigDecimal footprintYearly,
			@Schema(description = "Footprint by the ECS default for China, in footprintUnit · ECS 缺省因子法碳足迹") BigDecimal footprintEcs,
			@Schema(description = "Months of the year with a verified report, 0–12 · 已核查月份数", example = "12") int verifiedMonths,
			@Schema(description = "True while months are missing: the figure is provisional · 数据不全（暂定）") boolean provisional,
			@Schema(description = "True when any hourly intensity used is made-up data (示例数据（虚构）) · 逐时强度含虚构示例数据") boolean syntheticIntensity,
			@Schema(description = "The inputs used, as JSON: factor code and version, zone, hours, GEC lots, months · 计算输入（JSON）") String inputs,
			@Schema(description = "Who computed it · 计算人") String computedBy,
			@Schema(description = "When it was computed · 计算时间") Instant computedAt) {
	}

	private final JdbcClient jdbc;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final VerifiedYears verifiedYears;
	private final GreenClaims claims;
	private final PlantHours plantHours;
	private final IntensityStore intensities;
	private final Zones zones;
	private final FootprintReferences references;
	private final JsonMapper json;
	private final Clock clock;

	Footprints(JdbcClient jdbc, Registry registry, EmissionsAccounting accounting, VerifiedYears verifiedYears, GreenClaims claims,
			PlantHours plantHours, IntensityStore intensities, Zones zones, FootprintReferences references, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.accounting = accounting;
		this.verifiedYears = verifiedYears;
		this.claims = claims;
		this.plantHours = plantHours;
		this.intensities = intensities;
		this.zones = zones;
		this.references = references;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Computes and stores a footprint of an enterprise's product and year. {@code outputQuantity} in {@code outputUnit}
	 * (kg or t for polysilicon, W, kW or MW for modules); without it polysilicon takes the verified reports' POLYSILICON
	 * lines (t). Refused (422) without a verified report of the year; not found outside the caller's scope.
	 */
	@Transactional
	public Footprint compute(Long enterpriseId, Integer year, Product product, BigDecimal outputQuantity, String outputUnit) {
		List<InputError> errors = new ArrayList<>();
		if (enterpriseId == null) {
			errors.add(InputError.field("enterpriseId", "the enterprise is required"));
		}
		if (year == null || year < GreenShares.YEAR_MIN || year > GreenShares.YEAR_MAX) {
			errors.add(InputError.field("year", "a year between " + GreenShares.YEAR_MIN + " and " + GreenShares.YEAR_MAX + " is required"));
		}
		if (product == null) {
			errors.add(InputError.field("product", "POLYSILICON or PV_MODULE is required"));
		}
		String unit = outputUnit == null || outputUnit.isBlank() ? null : outputUnit.strip();
		if (outputQuantity != null) {
			InputBounds.positive(errors, "outputQuantity", outputQuantity, OUTPUT_MAX);
			if (product != null && (unit == null || !product.units.containsKey(unit))) {
				errors.add(InputError.field("outputUnit", "one of " + new java.util.TreeSet<>(product.units.keySet()) + " for " + product));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		AccessScope scope = AccessScope.current();
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		if (!scope.hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER)) {
			throw new AccessDeniedException(scope.actor() + " may not compute footprints");
		}
		VerifiedYears.YearFigures figures = verifiedYears.of(e.id(), year);
		if (figures.verifiedMonths() == 0) {
			throw new RuleViolationException("no verified report of " + year + " for enterprise " + e.id() + ": a footprint needs the verified scope 1 and electricity");
		}
		BigDecimal output;
		String outputSource;
		if (outputQuantity != null) {
			output = Rounding.stored(outputQuantity.multiply(product.units.get(unit)));
			outputSource = "ENTERED";
		}
		else {
			BigDecimal t = product.reportProduct == null ? null : figures.products().get(product.reportProduct);
			if (t == null || t.signum() <= 0) {
				throw new InvalidInputException("outputQuantity", "the verified reports of " + year + " state no output of " + product
						+ ": enter the output with its unit");
			}
			output = Rounding.stored(t.multiply(new BigDecimal("1000")));
			outputSource = "REPORT";
		}
		PurchasedElectricity purchased = accounting.purchasedElectricity(e.id(), year);
		Calculation.FactorUsed factor = yearlyFactor(year);
		BigDecimal gecKwh = claims.claimedMwh(e.id(), year).multiply(new BigDecimal("1000"));
		List<Map<String, Object>> lots = claims.claimedLots(e.id(), year).stream()
			.map(l -> Map.<String, Object>of("code", l.code(), "technology", l.technology().name(), "productionMonth", l.productionMonth().toString(), "mwh", l.mwh()))
			.toList();

		Instant from = LocalDate.of(year, 1, 1).atStartOfDay(BEIJING).toInstant();
		Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(BEIJING).toInstant();
		Map<Instant, BigDecimal> kwhByHour = new TreeMap<>(plantHours.hourlyKwh(e.id(), from, to));
		String zone = null;
		int modelled = 0;
		boolean synthetic = false;
		List<FootprintMath.Hour> hours = new ArrayList<>();
		if (!kwhByHour.isEmpty()) {
			List<HourlyIntensity> ci = intensities.hours(e.countyCode(), from, to, IntensityBasis.CONSUMPTION);
			zone = e.countyCode();
			if (ci.isEmpty()) {
				zone = zones.gridZone();
				ci = intensities.hours(zone, from, to, IntensityBasis.CONSUMPTION);
			}
			Map<Instant, HourlyIntensity> byHour = ci.stream().collect(Collectors.toMap(HourlyIntensity::hour, h -> h, (a, b) -> a));
			for (Map.Entry<Instant, BigDecimal> h : kwhByHour.entrySet()) {
				HourlyIntensity i = byHour.get(h.getKey());
				if (i != null) {
					modelled += i.source() == IntensitySource.MODELLED ? 1 : 0;
					synthetic |= i.synthetic();
				}
				hours.add(new FootprintMath.Hour(h.getKey(), h.getValue(), i == null ? null : i.gPerKwh()));
			}
		}
		BigDecimal ecs = references.ecsGrid().map(FootprintReferences.Reference::value).orElse(null);
		FootprintMath.Outcome o = FootprintMath.compute(new FootprintMath.Inputs(hours, purchased.purchasedKwh(), gecKwh, factor.value(), ecs,
				figures.scope1T(), output, product.scale));

		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("method", "whole-plant allocation; GEC kWh at zero, spread over the hours by their kWh; ECS: all kWh at the country default");
		inputs.put("verifiedMonths", figures.months());
		inputs.put("reportKwh", purchased.purchasedKwh());
		inputs.put("yearlyFactor", Map.of("code", factor.code(), "version", factor.version(), "value", factor.value(), "unit", factor.unit(),
				"tag", String.valueOf(factor.tag()), "source", factor.source() == null ? "" : factor.source()));
		references.ecsGrid().ifPresent(r -> inputs.put("ecsFactor", Map.of("code", r.code(), "value", r.value(), "unit", r.unit(), "source", r.source())));
		inputs.put("gecKwh", Rounding.stored(gecKwh));
		inputs.put("gecLots", lots);
		if (!hours.isEmpty()) {
			inputs.put("intensity", Map.of("zone", zone, "basis", "CONSUMPTION", "hoursMetered", hours.size(), "hoursWithIntensity",
					o.hoursWithIntensity(), "hoursModelled", modelled, "first", hours.get(0).hour().toString(), "last",
					hours.get(hours.size() - 1).hour().toString()));
		}
		else {
			inputs.put("intensity", "no metered hours: the reports' yearly kWh at the yearly factor");
		}
		inputs.put("scope1T", figures.scope1T());
		inputs.put("output", Map.of("quantity", output, "unit", product.baseUnit, "source", outputSource));

		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), BEIJING);
		long id = jdbc.sql("""
				INSERT INTO power_footprint (enterprise_id, year, product, footprint_unit, output_quantity, output_unit, output_source,
				  electricity_kwh, electricity_source, gec_kwh, hours_metered, hours_with_intensity, electricity_hourly_t, electricity_yearly_t,
				  electricity_ecs_t, scope1_t, footprint_hourly, footprint_yearly, footprint_ecs, verified_months, provisional,
				  synthetic_intensity, inputs, computed_by, computed_at)
				VALUES (:e, :y, :p, :fu, :oq, :ou, :os, :kwh, :es, :gec, :hm, :hi, :eh, :ey, :ee, :s1, :fh, :fy, :fe, :vm, :prov, :syn,
				  CAST(:inputs AS jsonb), :by, :at) RETURNING id""")
			.param("e", e.id()).param("y", year).param("p", product.name()).param("fu", product.footprintUnit).param("oq", output)
			.param("ou", product.baseUnit).param("os", outputSource).param("kwh", o.electricityKwh())
			.param("es", hours.isEmpty() ? "REPORTS" : "METERED_HOURS").param("gec", o.gecKwh()).param("hm", o.hoursMetered())
			.param("hi", o.hoursWithIntensity()).param("eh", o.electricityHourlyT()).param("ey", o.electricityYearlyT())
			.param("ee", o.electricityEcsT()).param("s1", figures.scope1T()).param("fh", o.hourly()).param("fy", o.yearly())
			.param("fe", o.ecs()).param("vm", figures.verifiedMonths()).param("prov", figures.verifiedMonths() < 12).param("syn", synthetic)
			.param("inputs", json.writeValueAsString(inputs)).param("by", scope.actor()).param("at", now)
			.query(Long.class).single();
		log.info("Footprint {} of enterprise {} {} {}: {} {} (yearly factor), {} metered hours", id, e.id(), year, product, o.yearly(),
				product.footprintUnit, o.hoursMetered());
		return find(id);
	}

	/** The yearly official grid factor the calculator applies to the year (the version in force), as accounting names it. */
	Calculation.FactorUsed yearlyFactor(int year) {
		Calculation.Result r = accounting.calculate(new Calculation.Request(year, null, List.of(new Calculation.Line(
				Calculation.LineType.ELECTRICITY, null, new BigDecimal("1000"), "kWh", null, null, null, null, null, null, null, null, null, null))));
		return r.lines().get(0).factors().stream().filter(f -> f.unit() != null && f.unit().toLowerCase(java.util.Locale.ROOT).contains("/mwh"))
			.findFirst().orElse(r.lines().get(0).factors().get(0));
	}

	/** One footprint; not found outside the caller's scope. */
	public Footprint footprint(long id) {
		Footprint f = jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Footprints::row).optional()
			.orElseThrow(() -> new NotFoundException("footprint " + id));
		try {
			registry.enterprise(f.enterpriseId());
		}
		catch (NotFoundException ex) {
			throw new NotFoundException("footprint " + id);
		}
		return f;
	}

	/** The footprints within the caller's scope, newest first; optionally of one year or enterprise. */
	public List<Footprint> list(Integer year, Long enterpriseId) {
		List<Long> ids = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream().map(RegistryModel.Enterprise::id)
			.filter(id -> enterpriseId == null || id.equals(enterpriseId)).toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + " " + """
				WHERE enterprise_id IN (:ids) AND (CAST(:y AS integer) IS NULL OR year = :y) ORDER BY computed_at DESC, id DESC LIMIT 500""")
			.param("ids", ids).param("y", year).query(Footprints::row).list();
	}

	private Footprint find(long id) {
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Footprints::row).single();
	}

	static final String SELECT = """
			SELECT id, enterprise_id, year, product, footprint_unit, output_quantity, output_unit, output_source, electricity_kwh,
			  electricity_source, gec_kwh, hours_metered, hours_with_intensity, electricity_hourly_t, electricity_yearly_t, electricity_ecs_t,
			  scope1_t, footprint_hourly, footprint_yearly, footprint_ecs, verified_months, provisional, synthetic_intensity, inputs::text,
			  computed_by, computed_at FROM power_footprint""";

	static Footprint row(ResultSet rs, int n) throws SQLException {
		return new Footprint(rs.getLong(1), rs.getLong(2), rs.getInt(3), Product.valueOf(rs.getString(4)), rs.getString(5),
				Rounding.stored(rs.getBigDecimal(6)), rs.getString(7), rs.getString(8), Rounding.stored(rs.getBigDecimal(9)), rs.getString(10),
				Rounding.stored(rs.getBigDecimal(11)), rs.getInt(12), rs.getInt(13), Rounding.stored(rs.getBigDecimal(14)),
				Rounding.stored(rs.getBigDecimal(15)), Rounding.stored(rs.getBigDecimal(16)), Rounding.stored(rs.getBigDecimal(17)),
				Rounding.stored(rs.getBigDecimal(18)), Rounding.stored(rs.getBigDecimal(19)), Rounding.stored(rs.getBigDecimal(20)),
				rs.getInt(21), rs.getBoolean(22), rs.getBoolean(23), rs.getString(24), rs.getString(25), rs.getTimestamp(26).toInstant());
	}
}
