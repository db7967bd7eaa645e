"""Complaint topics: who handles them, how they are filed on LAPOR!, and their texts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topik:
    kunci: str
    label: str  # kategori in hand-kept sheets
    lapor: tuple[int, str]  # (KategoriID, Kategori) on SP4N-LAPOR!
    opd: tuple[tuple[str, float], ...]  # (OPD base code, weight); KEC = the complaint's kecamatan
    bobot: float  # share among ordinary complaints
    bobot_112: float  # share among 112 calls
    kompleksitas: tuple[float, float, float, float]  # ringan, normatif, tanpa_audit, audit
    judul: tuple[str, ...]  # judul[i] titles isi[i]
    isi: tuple[str, ...]


_PU = (63, "Pekerjaan Umum dan Penataan Ruang")
_LH = (65, "Lingkungan Hidup dan Kehutanan")
_HUB = (71, "Perhubungan")
_TRANTIB = (77, "Ketentraman, Ketertiban Umum, dan Perlindungan Masyarakat")

TOPIK = (
    Topik("banjir", "Banjir/Drainase", _PU, (("DPUPR", .5), ("DSDA", .25), ("BPBD", .25)), .10, 0, (.2, .5, .25, .05),
          ("Drainase tersumbat di {desa}", "Banjir setiap hujan di Desa {desa}", "Gorong-gorong ambles",
           "Air kiriman masuk permukiman"),
          ("Saluran drainase di {jalan}, Desa {desa} tersumbat sampah dan lumpur. Setiap hujan deras air meluap ke "
           "jalan dan masuk rumah warga RT {rt}/RW {rw}.",
           "Sudah {waktu} setiap hujan lingkungan kami banjir setinggi lutut. Mohon normalisasi saluran di Desa "
           "{desa}, Kecamatan {kec}.",
           "Gorong-gorong di depan SD Desa {desa} ambles dan menyumbat aliran air. Mohon segera diperbaiki sebelum "
           "musim hujan.",
           "Air kiriman dari perumahan baru masuk ke permukiman kami di RT {rt}. Mohon dibuatkan saluran pembuangan "
           "yang layak.")),
    Topik("sampah", "Sampah", _LH, (("DLH", .9), ("KEC", .1)), .13, 0, (.55, .35, .08, .02),
          ("Sampah menumpuk di TPS {desa}", "TPS liar di pinggir jalan", "Sampah tidak diangkut",
           "Pembakaran sampah sembarangan"),
          ("Sampah di TPS Desa {desa} sudah {n} hari tidak diangkut, baunya menyengat dan banyak lalat. Mohon segera "
           "diangkut.",
           "Ada TPS liar di pinggir {jalan} dekat jembatan. Warga dari luar desa membuang sampah di situ setiap malam.",
           "Armada sampah tidak datang ke wilayah RW {rw} Desa {desa} sejak {waktu} yang lalu padahal warga rutin "
           "membayar retribusi.",
           "Warga membakar sampah plastik setiap sore di Desa {desa}, asapnya mengganggu pernapasan anak-anak.")),
    Topik("jalan", "Jalan/Jembatan Rusak", _PU, (("DPUPR", .85), ("DPMD", .15)), .15, 0, (.1, .35, .45, .1),
          ("Jalan berlubang membahayakan pengendara", "Jembatan penghubung rusak", "Perbaikan jalan tidak selesai",
           "Aspal baru sudah mengelupas", "Jalan rusak di {kec}"),
          ("Jalan di {jalan}, Desa {desa} berlubang besar sepanjang kurang lebih {n}00 meter. Sudah banyak "
           "pengendara motor yang terjatuh.",
           "Jembatan penghubung Desa {desa} dengan desa sebelah lantainya jebol. Anak sekolah terpaksa memutar jauh. "
           "Mohon segera diperbaiki.",
           "Perbaikan jalan di Kecamatan {kec} berhenti sejak {waktu} lalu, material dibiarkan di pinggir jalan dan "
           "membahayakan.",
           "Aspal baru di {jalan} sudah mengelupas padahal baru {waktu} selesai dikerjakan. Mohon dicek kualitas "
           "pekerjaannya.",
           "Mohon perbaikan jalan kabupaten ruas {kec}–{desa} yang rusak parah dan berlumpur saat hujan.")),
    Topik("lalin", "Lalu Lintas/Parkir/Angkot", _HUB, (("DISHUB", .85), ("SATPOLPP", .15)), .07, 0, (.5, .4, .08, .02),
          ("Parkir liar di {jalan}", "Lampu lalu lintas mati", "Angkot ngetem sembarangan",
           "Tarif parkir tidak sesuai"),
          ("Parkir liar di sepanjang {jalan} depan pasar menyebabkan macet setiap pagi. Mohon ditertibkan.",
           "Lampu lalu lintas di simpang {kec} mati sejak {n} hari lalu, lalu lintas semrawut dan rawan kecelakaan.",
           "Angkot sering ngetem di mulut {jalan} sehingga menutup jalan. Mohon Dishub melakukan penertiban.",
           "Juru parkir di minimarket Desa {desa} meminta tarif Rp5.000, tidak sesuai perda. Apakah resmi?")),
    Topik("pohon",
          "Pohon Tumbang/Taman", _LH, (("DLH", .45), ("DISPERKIM", .35), ("BPBD", .2)), .05, 0, (.5, .4, .1, 0),
          ("Pohon rawan tumbang di {jalan}", "Pohon tumbang menutup jalan", "Taman tidak terawat",
           "Permohonan pemangkasan pohon"),
          ("Pohon besar di pinggir {jalan}, Desa {desa} sudah miring dan akarnya terangkat. Mohon dipangkas sebelum "
           "tumbang.",
           "Ada pohon tumbang menutup badan jalan di Desa {desa} setelah hujan angin tadi sore.",
           "Taman di Kecamatan {kec} tidak terawat, rumput tinggi dan lampunya mati, jadi tempat nongkrong malam hari.",
           "Dahan pohon di depan rumah warga RT {rt} Desa {desa} mengenai kabel listrik. Mohon dipangkas.")),
    Topik("pju", "Lampu PJU Mati", _HUB, (("DISHUB", .5), ("DISPERKIM", .5)), .06, 0, (.6, .35, .05, 0),
          ("Lampu PJU mati di {jalan}", "Penerangan jalan padam", "Permohonan pemasangan PJU"),
          ("Lampu PJU di {jalan} Desa {desa} mati sudah {waktu}. Jalan gelap dan rawan begal.",
           "Sebanyak {n} titik lampu jalan di Kecamatan {kec} padam sejak minggu lalu. Mohon diperbaiki.",
           "Mohon pemasangan lampu penerangan jalan di ruas {jalan} yang gelap total pada malam hari.")),
    Topik("air", "Air Bersih/PDAM", _PU, (("BAG-EKON", .6), ("DPUPR", .4)), .06, 0, (.4, .45, .15, 0),
          ("Air PDAM mati", "Air PDAM keruh", "Tagihan air membengkak", "Pipa bocor di {jalan}"),
          ("Air PDAM di Desa {desa} mati sudah {n} hari tanpa pemberitahuan. Warga kesulitan air bersih.",
           "Air PDAM di wilayah RW {rw} keruh dan berbau sejak {waktu} terakhir.",
           "Tagihan air bulan ini naik tiga kali lipat padahal pemakaian biasa saja. Mohon dicek meterannya.",
           "Ada pipa bocor di {jalan} Desa {desa}, air terbuang percuma sejak {waktu} lalu.")),
    Topik("adminduk", "Adminduk (KTP/KK/Akta)", (62, "Kependudukan"), (("DISDUKCAPIL", .85), ("KEC", .15)),
          .09, 0, (.5, .45, .05, 0),
          ("KTP-el belum jadi", "Pengurusan KK lama", "Akta kelahiran belum terbit", "Data kependudukan ganda"),
          ("Saya sudah rekam KTP-el sejak {waktu} lalu tapi sampai sekarang belum dicetak, katanya blangko habis.",
           "Pengurusan KK di Kecamatan {kec} sudah {n} minggu belum selesai padahal berkas lengkap.",
           "Akta kelahiran anak saya belum terbit, setiap ditanya disuruh menunggu tanpa kepastian.",
           "NIK saya terdaftar ganda sehingga tidak bisa mendaftar BPJS. Mohon bantuan perbaikan data.")),
    Topik("kesehatan",
          "Kesehatan/BPJS/Puskesmas", (64, "Kesehatan"), (("DINKES", .65), ("RSUD", .35)), .06, 0, (.3, .5, .15, .05),
          ("Antrean puskesmas {kec} lama", "Pasien BPJS diminta bayar obat", "Pelayanan IGD lambat",
           "Ambulans desa rusak"),
          ("Antrean di Puskesmas {kec} sangat lama, datang jam 7 baru dilayani jam 12. Mohon ditambah petugas.",
           "Keluarga saya pasien BPJS diminta membayar obat sendiri karena katanya stok kosong.",
           "Pelayanan IGD sangat lambat, pasien menunggu lebih dari {n} jam tanpa penanganan.",
           "Ambulans desa {desa} rusak dan tidak bisa dipakai mengantar pasien.")),
    Topik("pendidikan",
          "Pendidikan/PPDB/Sekolah", (66, "Pendidikan dan Kebudayaan"), (("DISDIK", 1.0),), .05, 0, (.2, .5, .25, .05),
          ("PPDB zonasi tidak transparan", "Ruang kelas rusak", "Pungutan di sekolah", "Ijazah ditahan"),
          ("Anak saya tidak diterima PPDB jalur zonasi padahal rumah hanya {n}00 meter dari SDN di Desa {desa}.",
           "Atap ruang kelas SDN di Desa {desa} bocor dan plafon hampir roboh, membahayakan siswa.",
           "Ada pungutan uang seragam dan buku di sekolah negeri Kecamatan {kec} yang memberatkan orang tua.",
           "Ijazah anak saya ditahan sekolah karena masih ada tunggakan.")),
    Topik("bansos",
          "Bansos/PKH", (68, "Sosial dan Kesejahteraan"), (("DINSOS", .85), ("DPMD", .15)), .06, 0, (.2, .5, .25, .05),
          ("Bansos tidak tepat sasaran", "Belum menerima PKH", "Pemotongan bantuan", "Data DTKS tidak valid"),
          ("Di Desa {desa} banyak warga mampu yang menerima bansos sementara janda lansia di RT {rt} tidak dapat.",
           "Saya terdaftar PKH tapi sudah {waktu} tidak menerima bantuan tanpa penjelasan.",
           "Ada pemotongan BLT oleh oknum pendamping di Desa {desa} sebesar Rp{n}0.000 per penerima.",
           "Mohon pendataan ulang DTKS di Kecamatan {kec}, banyak data warga yang sudah meninggal masih tercantum.")),
    Topik("pungli", "Pungli/Calo/Petugas", (80, "Reformasi Birokrasi dan Tata Kelola"),
          (("INSPEKTORAT", .5), ("BKPSDM", .2), ("KEC", .3)),
          .03, 0, (.05, .3, .35, .3),
          ("Dugaan pungli pelayanan", "Calo di kantor pelayanan", "Petugas tidak ramah", "Pegawai tidak di tempat"),
          ("Saat mengurus surat di Kecamatan {kec} saya dimintai uang Rp{n}0.000 oleh oknum petugas tanpa kuitansi.",
           "Banyak calo berkeliaran di kantor pelayanan, menawarkan jasa percepatan dengan bayaran.",
           "Petugas loket berbicara kasar kepada warga lansia. Mohon pembinaan.",
           "Jam 10 pagi kantor desa {desa} masih tutup, pegawai tidak ada di tempat.")),
    Topik("ketertiban", "Ketertiban (PKL/Bangunan Liar/Kebisingan)", _TRANTIB, (("SATPOLPP", .75), ("KEC", .25)),
          .05, 0, (.35, .45, .15, .05),
          ("PKL berjualan di trotoar", "Bangunan liar di sempadan sungai", "Kebisingan tempat hiburan",
           "Balap liar malam hari"),
          ("PKL berjualan di trotoar {jalan} sehingga pejalan kaki terpaksa berjalan di badan jalan.",
           "Ada bangunan liar berdiri di sempadan sungai Desa {desa} yang menyempitkan aliran air.",
           "Tempat hiburan di Kecamatan {kec} memutar musik keras sampai jam 2 pagi, warga terganggu.",
           "Setiap malam minggu ada balap liar di {jalan}, sangat meresahkan warga.")),
    Topik("lingkungan", "Lingkungan (Pencemaran/Limbah/Tambang)", _LH, (("DLH", .85), ("SATPOLPP", .15)),
          .03, 0, (.05, .25, .35, .35),
          ("Limbah pabrik mencemari sungai", "Tambang pasir liar", "Bau limbah peternakan", "Pencemaran udara"),
          ("Limbah pabrik di Desa {desa} dibuang ke sungai, air berubah hitam dan ikan mati.",
           "Ada tambang pasir liar di Kecamatan {kec} yang merusak jalan dan tebing sungai.",
           "Bau limbah peternakan ayam di RT {rt} Desa {desa} sangat menyengat sejak {waktu} terakhir.",
           "Asap cerobong pabrik di Kecamatan {kec} hitam pekat setiap malam.")),
    Topik("lainnya", "Lainnya", (99, "Topik Lainnya"),
          (("KEC", .4), ("DISKOMINFO", .2), ("SETDA", .2), ("DPMPTSP", .2)),
          .01, 0, (.4, .4, .15, .05),
          ("Informasi jadwal layanan", "Izin usaha lama terbit", "WiFi publik mati", "Usulan warga"),
          ("Mohon informasi jadwal pelayanan di Kecamatan {kec} karena sering berubah.",
           "Pengajuan izin usaha mikro saya sudah {waktu} belum terbit.",
           "WiFi publik di Desa {desa} mati sejak {waktu} lalu.",
           "Usul agar pelayanan kecamatan buka juga hari Sabtu untuk warga yang bekerja.")),
    # 112 emergencies
    Topik("kebakaran", "Kebakaran", _TRANTIB, (("DAMKAR", 1.0),), 0, .24, (1, 0, 0, 0),
          ("Kebakaran rumah", "Kebakaran lahan"),
          ("Penelepon melaporkan kebakaran rumah di RT {rt}/RW {rw} Desa {desa}, Kecamatan {kec}.",
           "Kebakaran lahan kosong di pinggir {jalan}, api mendekati permukiman.")),
    Topik("hewan", "Evakuasi Hewan", _TRANTIB, (("DAMKAR", 1.0),), 0, .2, (1, 0, 0, 0),
          ("Evakuasi ular", "Sarang tawon"),
          ("Penelepon melaporkan ular sanca masuk ke rumah di Desa {desa}.",
           "Ada sarang tawon vespa di atap rumah warga RT {rt} Desa {desa}, sudah ada anak yang tersengat.")),
    Topik("kecelakaan", "Kecelakaan Lalu Lintas", _HUB, (("DISHUB", .6), ("DINKES", .4)), 0, .18, (1, 0, 0, 0),
          ("Kecelakaan lalu lintas", "Tabrakan beruntun"),
          ("Kecelakaan motor dan truk di {jalan}, satu korban luka membutuhkan ambulans.",
           "Tabrakan beruntun di simpang {kec}, lalu lintas tersendat.")),
    Topik("medis", "Kegawatdaruratan Medis", (64, "Kesehatan"), (("DINKES", .7), ("RSUD", .3)), 0, .2, (1, 0, 0, 0),
          ("Permintaan ambulans", "Permintaan ambulans"),
          ("Warga Desa {desa} membutuhkan ambulans untuk ibu hamil yang akan melahirkan.",
           "Lansia pingsan di rumah RT {rt} Desa {desa}, keluarga meminta bantuan ambulans.")),
    Topik("bencana", "Bencana (Banjir/Longsor)", _TRANTIB, (("BPBD", 1.0),), 0, .18, (1, 0, 0, 0),
          ("Longsor", "Banjir", "Pohon tumbang menutup jalan"),
          ("Longsor menutup akses jalan Desa {desa}, satu rumah warga terdampak.",
           "Banjir setinggi {n}0 cm di permukiman RW {rw} Desa {desa}, warga membutuhkan evakuasi.",
           "Pohon besar tumbang menutup {jalan} setelah hujan angin, kendaraan tidak bisa lewat.")),
)

PENUTUP = ["", " Mohon segera ditindaklanjuti.", " Terima kasih.", " Sudah lapor ke RT tapi belum ada tindakan.",
           " Mohon perhatiannya, Pak/Bu.", " Terima kasih atas perhatiannya.", " Sudah {n} kali lapor."]
WAKTU = ["2 minggu", "sebulan", "3 bulan", "setahun", "5 hari", "seminggu", "2 bulan"]
JALAN = ["Jl. Raya {kec}", "Jl. Siliwangi", "Jl. Pahlawan", "Jl. Ahmad Yani", "Jl. Pasar {kec}", "Jl. Desa {desa}",
         "Jl. Cagak {kec}", "jalan lingkar {kec}", "Jl. Merdeka", "Jl. Terminal"]
