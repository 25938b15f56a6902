package org.peakpilot.inclusive.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A low-carbon certificate as an A4 PDF (Chinese first, English beneath) with its serial and a QR code of its public
 * verification page: openhtmltopdf with the Noto Sans SC face shipped in {@code fonts/} (a subset embedded per PDF).
 */
@Component
public class CertificatePdf {

	static final String FONT = "fonts/NotoSansSC-Regular-GB2312.ttf";
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** The QR code of a text as PNG (black on white, a quiet zone of 1 module). */
	public static byte[] qrPng(String text, int size) {
		try {
			BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
					Map.of(EncodeHintType.MARGIN, 1, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8"));
			BufferedImage image = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
			for (int x = 0; x < m.getWidth(); x++) {
				for (int y = 0; y < m.getHeight(); y++) {
					image.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("cannot encode a QR code of " + text.length() + " characters", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The QR code as a {@code data:} URI for a page or the PDF. */
	public static String qrDataUri(String text) {
		return "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng(text, 240));
	}

	/** gCO2 grouped by thousands ({@code 12,345}). */
	public static String grams(long g) {
		return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(g);
	}

	/** kg with two decimals ({@code 12.35}). */
	public static String kilograms(long g) {
		return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(g / 1000.0);
	}

	/** The certificate as PDF; {@code verifyUrl}: the absolute URL of its public verification page. */
	public byte[] render(Certificates.Certificate c, String verifyUrl, String schemeName) {
		String html = """
				<?xml version="1.0" encoding="UTF-8"?>
				<html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">
				<head><meta charset="UTF-8"/><title>低碳环保证书 %1$s</title>
				<style>
				  @page { size: A4; margin: 18mm; }
				  body { font-family: 'Noto Sans SC'; color: #1d3b2a; }
				  .frame { border: 5px double #2e7d4f; padding: 12mm 12mm; height: 230mm; position: relative; }
				  h1 { text-align: center; font-size: 30pt; margin: 22mm 0 0 0; color: #2e7d4f; }
				  .en { text-align: center; font-size: 12pt; color: #5b7d68; margin: 1mm 0 10mm 0; }
				  .name { text-align: center; font-size: 22pt; margin: 6mm 0 2mm 0; }
				  p { font-size: 13pt; line-height: 1.7; margin: 2mm 8mm; }
				  .figure { text-align: center; font-size: 26pt; color: #2e7d4f; margin: 8mm 0 1mm 0; }
				  .figure-en { text-align: center; font-size: 11pt; color: #5b7d68; }
				  .meta { position: absolute; left: 12mm; bottom: 14mm; width: 112mm; font-size: 10pt; line-height: 1.6; color: #33513f;
				          word-wrap: break-word; }
				  .qr { position: absolute; right: 12mm; bottom: 12mm; text-align: center; font-size: 8pt; color: #5b7d68; }
				  .qr img { width: 34mm; height: 34mm; }
				</style></head>
				<body><div class="frame">
				<h1>低碳环保证书</h1>
				<div class="en">Low-carbon certificate · %7$s</div>
				<div class="name">%2$s</div>
				<p>于 %3$s 至 %4$s 期间，通过绿色出行和低碳打卡，累计减少二氧化碳排放：</p>
				<div class="figure">%5$s 克 CO2（%6$s 千克）</div>
				<div class="figure-en">%5$s g CO2 avoided from %3$s to %4$s by green trips and low-carbon check-ins</div>
				<p style="margin-top: 10mm">特发此证，以资鼓励。</p>
				<p>This certificate is awarded in recognition.</p>
				<div class="meta">证书编号 Serial：%1$s<br/>签发时间 Issued：%8$s（北京时间）<br/>方法学 Methodologies：%9$s<br/>扫码或访问以下地址验证 Verify: %10$s</div>
				<div class="qr"><img src="%11$s" alt="QR"/><br/>扫码验证 Scan to verify</div>
				</div></body></html>
				""".formatted(esc(c.serial()), esc(c.publicName()), DAY.format(c.periodFrom()), DAY.format(c.periodTo()),
				grams(c.gco2()), kilograms(c.gco2()), esc(schemeName),
				TIME.format(c.issuedAt().atZoneSameInstant(CitizenActivity.BEIJING)), esc(c.methodologies()), esc(verifyUrl),
				qrDataUri(verifyUrl));
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(() -> {
				try {
					return new ClassPathResource(FONT).getInputStream();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, "Noto Sans SC");
			builder.withHtmlContent(html.strip(), null);
			builder.toStream(out);
			builder.run();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String esc(String s) {
		return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
	}
}
