package org.peakpilot.power.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.power.internal.BundledPowerData;
import org.peakpilot.power.internal.GenerationIntake;
import org.peakpilot.power.internal.IntensityComputation;
import org.peakpilot.power.internal.IntensityReconciliation;
import org.peakpilot.power.internal.TechnologyFactors;
import org.peakpilot.power.internal.Zones;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's grid-data page (电网数据, city-wide staff): upload hourly generation and interchange data (CSV/Excel,
 * errors naming row and field), recompute a zone's year, the yearly reconciliation with the official factor, the
 * data's coverage (measured / modelled hours per zone and year) and the technology factors with their derivation;
 * made-up data are labelled.
 */
@Controller
class PowerDataPages {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** Coverage of one zone and year. */
	record Coverage(String zone, String name, int year, long measured, long modelled, long hoursOfYear, boolean synthetic) {
	}

	private final Zones zones;
	private final IntensityReconciliation reconciliation;
	private final GenerationIntake intake;
	private final IntensityComputation computation;
	private final TechnologyFactors factors;
	private final BundledPowerData bundled;
	private final JdbcClient jdbc;
	private final Clock clock;

	PowerDataPages(Zones zones, IntensityReconciliation reconciliation, GenerationIntake intake, IntensityComputation computation,
			TechnologyFactors factors, BundledPowerData bundled, JdbcClient jdbc, Clock clock) {
		this.zones = zones;
		this.reconciliation = reconciliation;
		this.intake = intake;
		this.computation = computation;
		this.factors = factors;
		this.bundled = bundled;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@GetMapping("/power/data")
	String page(Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		String grid = zones.gridZone();
		model.addAttribute("grid", grid);
		model.addAttribute("zones", zones.all());
		model.addAttribute("reconciliations", reconciliation.years(grid));
		model.addAttribute("coverage", jdbc.sql("""
				SELECT i.zone_code, z.name_zh, extract(year FROM i.hour_start AT TIME ZONE 'Asia/Shanghai')::int AS y,
				  count(*) FILTER (WHERE i.source = 'MEASURED'), count(*) FILTER (WHERE i.source = 'MODELLED'), bool_or(i.synthetic)
				FROM power_intensity_hour i JOIN power_zone z ON z.code = i.zone_code
				WHERE i.basis = 'CONSUMPTION' GROUP BY i.zone_code, z.name_zh, z.kind, y ORDER BY z.kind = 'COUNTY', i.zone_code, y""")
			.query((rs, n) -> {
				int y = rs.getInt(3);
				long hours = java.time.Duration.between(LocalDate.of(y, 1, 1).atStartOfDay(BEIJING), LocalDate.of(y + 1, 1, 1).atStartOfDay(BEIJING)).toHours();
				return new Coverage(rs.getString(1), rs.getString(2), y, rs.getLong(4), rs.getLong(5), hours, rs.getBoolean(6));
			}).list());
		model.addAttribute("factors", factors.all().values());
		model.addAttribute("bundledTo", bundled.loadedTo().map(i -> i.atZone(BEIJING).toLocalDateTime()).orElse(null));
		model.addAttribute("bundledLoading", bundled.loading());
		model.addAttribute("thisYear", LocalDate.now(clock.withZone(BEIJING)).getYear());
		model.addAttribute("maxRows", GenerationIntake.MAX_FILE_ROWS);
		return "power/data";
	}

	@PostMapping("/power/data/upload")
	@BackTo("/power/data#upload")
	String upload(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "choose a CSV or Excel file");
		}
		if (file.getSize() > GenerationIntake.MAX_FILE_BYTES) {
			throw new InvalidInputException("file", "at most " + GenerationIntake.MAX_FILE_BYTES / 1024 / 1024 + " MiB");
		}
		var r = intake.upload(file.getOriginalFilename(), file.getBytes());
		redirect.addFlashAttribute("uploaded", r);
		return "redirect:/power/data#upload";
	}

	@PostMapping("/power/data/recompute")
	@BackTo("/power/data#recompute")
	String recompute(@RequestParam(required = false) String zone, @RequestParam(required = false) Integer year, RedirectAttributes redirect) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		String z = zone == null ? "" : zone.strip();
		if (!z.matches(PowerIntensityApi.ZONE_PATTERN) || zones.find(z).isEmpty()) {
			throw new InvalidInputException("zone", "a known zone");
		}
		if (year == null || year < 2015 || year > LocalDate.now(clock.withZone(BEIJING)).getYear()) {
			throw new InvalidInputException("year", "a year from 2015 to this year");
		}
		Instant from = LocalDate.of(year, 1, 1).atStartOfDay(BEIJING).toInstant();
		Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(BEIJING).toInstant();
		var r = computation.recompute(z, from, to);
		redirect.addFlashAttribute("recomputed", r);
		return "redirect:/power/data#recompute";
	}
}
