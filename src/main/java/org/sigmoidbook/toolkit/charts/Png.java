package org.sigmoidbook.toolkit.charts;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A PNG writer for the book's RGB charts. ImageIO's tries five filters on every row and took about
 * 250 ms a figure here; charts are mostly flat colour, which deflate packs well unfiltered: this
 * writes a figure in about 100 ms and a few percent smaller. It records the resolution (pHYs) so
 * that documents size the image as intended.
 */
final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {
    }

    static void write(BufferedImage image, int dpi, OutputStream out) throws IOException {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected an RGB image");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        DataOutputStream png = new DataOutputStream(out);
        png.write(SIGNATURE);

        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[]{8, 2, 0, 0, 0}); // 8 bits per channel, truecolour, deflate, adaptive filtering, no interlace
        chunk(png, "IHDR", header.toByteArray());

        ByteArrayOutputStream resolution = new ByteArrayOutputStream();
        DataOutputStream phys = new DataOutputStream(resolution);
        int pixelsPerMetre = (int) Math.round(dpi / 0.0254);
        phys.writeInt(pixelsPerMetre);
        phys.writeInt(pixelsPerMetre);
        phys.writeByte(1); // unit: metre
        chunk(png, "pHYs", resolution.toByteArray());

        chunk(png, "IDAT", pixels(image, width, height));
        chunk(png, "IEND", new byte[0]);
        png.flush();
    }

    /** Every row with filter type 0 (none) before it, deflated. */
    private static byte[] pixels(BufferedImage image, int width, int height) throws IOException {
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream zip = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 3 * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0, i = 1; x < width; x++) {
                    int pixel = rgb[y * width + x];
                    row[i++] = (byte) (pixel >> 16);
                    row[i++] = (byte) (pixel >> 8);
                    row[i++] = (byte) pixel;
                }
                zip.write(row);
            }
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeInt(data.length);
        png.write(name);
        png.write(data);
        png.writeInt((int) crc.getValue());
    }
}
