"""Caption templates (Indonesian) for the three content types. Slots are filled by captions.py."""

from __future__ import annotations

KINERJA = [
    "Alhamdulillah, kegiatan {kegiatan} di Desa {desa}, Kecamatan {kec} berjalan lancar. Sebanyak {n} {penerima} "
    "ikut serta hari ini.",
    "Sebanyak {n} {penerima} telah menerima manfaat program {program} sepanjang {bulan} {tahun}. Terima kasih kepada "
    "seluruh petugas di lapangan.",
    "{pejabat} meninjau langsung pelaksanaan {kegiatan} di {lokasi}. Capaian program {program} sudah {persen}% dari "
    "target tahun ini.",
    "Capaian {program} hingga akhir {bulan}: {n} {penerima} terlayani atau {persen}% dari target. Kami terus bergerak!",
    "Menindaklanjuti laporan warga melalui SP4N-LAPOR!, tim {opd} hari ini turun ke Desa {desa} untuk {tindak}. "
    "Terima kasih atas laporannya.",
    "Update penanganan aduan: {tindak} di Desa {desa}, Kecamatan {kec} sudah selesai dikerjakan dalam {hari_kerja} "
    "hari kerja.",
    "Rapat evaluasi {program} triwulan {triwulan} bersama camat se-{daerah}. Realisasi anggaran mencapai {persen}%.",
    "Hari ini {opd} menyerahkan {bantuan} kepada {n} {penerima} di Kecamatan {kec}. Semoga bermanfaat.",
    "Monitoring dan evaluasi {program} di Kecamatan {kec}: dari {n} sasaran, {persen}% sudah tertangani dengan baik.",
    "Terus bergerak untuk {kab}! Pekan ini tim {opd} menuntaskan {kegiatan} di {n_lokasi} titik di Kecamatan {kec}.",
    "{opd} meraih penghargaan {penghargaan} tingkat provinsi tahun {tahun}. Prestasi ini milik seluruh warga {kab}.",
    "Realisasi {program} tahun {tahun}: {n} {penerima} tersentuh program dengan anggaran Rp{rp}.",
    "Gerak cepat! Menanggapi keluhan warga di media sosial, petugas {opd} langsung {tindak} di Desa {desa} pagi ini.",
    "Pelaksanaan {kegiatan} di Desa {desa} memasuki hari ke-{ke}. Progres fisik sudah mencapai {persen}%.",
    "Inovasi {inovasi} yang digagas {opd} kini sudah dimanfaatkan oleh {n} {penerima}.",
    "Sosialisasi {program} kepada {n} {penerima} di {lokasi}. Harapannya manfaat program dirasakan merata sampai ke "
    "desa.",
    "Bersama {mitra}, {opd} melaksanakan {kegiatan} di Kecamatan {kec} dengan {n} peserta.",
    "Kolaborasi lintas OPD! {opd} bersama Kecamatan {kec} menuntaskan {kegiatan} untuk {n} {penerima}.",
    "Dokumentasi {kegiatan} di Desa {desa} kemarin. Sebanyak {n} {penerima} terlayani dalam satu hari.",
    "Laporan kinerja bulan {bulan}: {n} {penerima} terlayani dengan waktu layanan rata-rata {menit} menit.",
    "Progres {proyek} di Kecamatan {kec} sudah {persen}%. Target rampung akhir {bulan_depan} {tahun}.",
    "Alhamdulillah, hasil survei kepuasan masyarakat terhadap layanan {opd} semester ini mencapai {ikm} (kategori "
    "Baik).",
    "Tim {opd} menyisir {n_lokasi} desa di Kecamatan {kec} untuk {kegiatan}. Hasilnya {n} {penerima} terdata.",
    "{pejabat} membuka {kegiatan} angkatan ke-{ke} di {lokasi} yang diikuti {n} peserta.",
    "Pekan ini {kegiatan} menjangkau {n} {penerima} di {n_lokasi} kecamatan. Kerja nyata untuk {kab}!",
    "Penandatanganan kerja sama {program} antara {opd} dan {mitra}. Target {n} {penerima} pada {tahun}.",
    "Dalam {hari_kerja} hari kerja, aduan warga Desa {desa} soal {masalah} sudah kami tuntaskan. Silakan lapor "
    "kembali bila masih ada kendala.",
    "Berkat kerja sama warga, {kegiatan} di Desa {desa} selesai lebih cepat dari jadwal. Hatur nuhun, wargi {kec}!",
    "Data terbaru: {n} {penerima} di {daerah} sudah terlayani program {program} hingga {tanggal_lalu}.",
    "Turun langsung ke lapangan, {pejabat} memastikan {kegiatan} di Kecamatan {kec} tepat sasaran.",
    "Peletakan batu pertama pembangunan {proyek} di Desa {desa}. Anggaran Rp{rp} dari APBD {tahun}.",
    "Serah terima {proyek} di Kecamatan {kec} kepada masyarakat. Mari dijaga dan dimanfaatkan bersama.",
    "Evaluasi kinerja bulan {bulan}: seluruh {n_lokasi} unit layanan {opd} memenuhi standar pelayanan minimal.",
    "Penyaluran {bantuan} tahap {ke} tuntas: {n} {penerima} di {n_lokasi} kecamatan sudah menerima.",
    "Pelaksanaan {kegiatan} di {lokasi} berlangsung tertib dan lancar dengan {n} peserta.",
    "Pagi ini petugas {opd} bergerak ke Desa {desa} untuk {tindak}. Pekerjaan tuntas sebelum tengah hari.",
    "Hasil kerja sepekan: {kegiatan} di {n_lokasi} lokasi, {n} {penerima} terlayani, {hari_kerja} aduan warga "
    "ditindaklanjuti.",
    "Program {program} resmi diluncurkan hari ini oleh {pejabat}. Tahap awal menyasar {n} {penerima}.",
    "Tak kenal libur, tim {opd} tetap siaga melaksanakan {kegiatan} di Kecamatan {kec} akhir pekan ini.",
    "Sesuai janji, {proyek} di Desa {desa} kini sudah bisa dimanfaatkan warga. Terima kasih atas kesabarannya.",
    "Rekap {bulan} {tahun}: {n} layanan {layanan} diselesaikan, {persen}% di antaranya selesai di hari yang sama.",
    "{opd} menggelar {kegiatan} serentak di {n_lokasi} kecamatan. Antusiasme {penerima} luar biasa!",
    "Kunjungan lapangan ke Desa {desa}: {kegiatan} sudah berjalan dan dirasakan langsung oleh {n} {penerima}.",
    "Capaian indikator kinerja {opd} semester ini: {persen}% target terpenuhi. Terima kasih atas dukungan semua pihak.",
]

LAYANAN = [
    "Jadwal pelayanan {layanan} keliling pekan ini: {hari}, {tanggal} di Kantor Desa {desa}, Kecamatan {kec}, pukul "
    "{jam}–{jam2} WIB. Jangan lupa bawa {syarat}.",
    "Informasi: pelayanan {layanan} di {lokasi} buka Senin s.d. Jumat pukul {jam}–{jam2} WIB. Gratis, tidak dipungut "
    "biaya!",
    "Syarat pengurusan {layanan}: {syarat}. Info lebih lanjut hubungi call center {opd} di {telp}.",
    "Waspada cuaca ekstrem! BMKG memprakirakan hujan lebat disertai angin kencang di wilayah {daerah} hingga "
    "{tanggal}. Laporkan kejadian darurat ke 112.",
    "Pengumuman: pelayanan {layanan} ditiadakan sementara pada {hari}, {tanggal} karena pemeliharaan sistem. Layanan "
    "kembali normal keesokan harinya.",
    "Cara mengurus {layanan} secara daring: 1) buka {aplikasi}, 2) isi formulir, 3) unggah {syarat}, 4) tunggu "
    "verifikasi maksimal {hari_kerja} hari kerja.",
    "Sahabat {kab}, kini {layanan} bisa diajukan lewat {aplikasi}. Tanpa antre, tanpa calo!",
    "Hati-hati penipuan! {opd} tidak pernah memungut biaya untuk {layanan}. Laporkan oknum melalui SP4N-LAPOR!",
    "Pendaftaran {program} dibuka mulai {tanggal} hingga {tanggal2}. Kuota {n} peserta, daftar melalui {aplikasi}.",
    "Info layanan: antrean {layanan} kini dapat diambil secara daring mulai pukul {jam} WIB setiap hari kerja.",
    "Punya keluhan soal {masalah}? Sampaikan melalui SP4N-LAPOR! (lapor.go.id), aplikasi SIGAP, atau WhatsApp {telp}.",
    "Tips hari ini: {tips}.",
    "Imbauan: {imbauan}. Mari bersama menjaga {kab} tetap nyaman.",
    "Jangan lupa! Batas akhir pengajuan {layanan} tahun ini jatuh pada {tanggal}.",
    "Layanan jemput bola {layanan} hadir di Desa {desa} pada {hari}, {tanggal}. Lansia dan penyandang disabilitas "
    "diprioritaskan.",
    "Infografis alur pengaduan layanan {opd}. Simpan dan bagikan ya!",
    "Tanya jawab: berapa lama proses {layanan}? Paling lama {hari_kerja} hari kerja sejak berkas dinyatakan lengkap.",
    "Perubahan jadwal: {kegiatan} di Kecamatan {kec} yang semula {tanggal} diundur ke {tanggal2}. Mohon maklum.",
    "Cek status pengajuan {layanan} Anda melalui tautan di bio atau {aplikasi}.",
    "Ayo ikuti {kegiatan} gratis di {lokasi} pada {hari}, {tanggal} pukul {jam} WIB. Terbuka untuk umum!",
    "Peringatan dini: potensi banjir dan longsor di Kecamatan {kec} dan sekitarnya hingga {tanggal}. Tetap waspada "
    "dan ikuti arahan petugas.",
    "Pemeliharaan sistem: {aplikasi} tidak dapat diakses pada {tanggal} pukul {jam}–{jam2} WIB.",
    "Lokasi layanan {layanan} terdekat: {lokasi}. Buka setiap hari kerja pukul {jam}–{jam2} WIB.",
    "Nomor penting di {daerah}: panggilan darurat 112, ambulans 119, pengaduan {opd} {telp}. Simpan ya!",
    "Pengingat: {layanan} bisa dilakukan di kantor kecamatan terdekat, tidak perlu jauh-jauh ke pusat kota.",
    "Penutupan jalan sementara di ruas {desa}–{kec} pada {tanggal} pukul {jam}–{jam2} WIB karena pekerjaan "
    "perbaikan. Gunakan jalur alternatif.",
    "Mulai {tanggal}, pelayanan {layanan} pindah sementara ke {lokasi} selama renovasi gedung.",
    "Daftar lokasi {kegiatan} pekan depan sudah terbit. Cek jadwal desa Anda di gambar berikut.",
    "Kuota {layanan} hari ini sudah penuh. Silakan ambil antrean daring untuk besok mulai pukul {jam} WIB.",
    "Warga {kab} yang belum terdata {program} dapat mendaftar melalui pemerintah desa dengan membawa {syarat}.",
    "Klarifikasi: informasi yang beredar tentang {layanan} berbayar tidak benar (hoaks). Seluruh layanan {opd} gratis.",
    "Untuk menghindari antrean panjang, datanglah di atas pukul {jam2} WIB atau gunakan layanan daring {aplikasi}.",
    "Mulai bulan {bulan_depan}, {layanan} hanya melayani berkas yang diajukan melalui {aplikasi}.",
    "Sosialisasi aturan baru: setiap pengajuan {layanan} wajib melampirkan {syarat}.",
    "Kanal resmi pengaduan {opd}: SP4N-LAPOR!, SIGAP, WhatsApp {telp}, dan kotak saran di {lokasi}.",
    "Pelayanan {layanan} tetap buka pada hari Sabtu, {tanggal}, pukul {jam}–12.00 WIB khusus untuk warga yang bekerja.",
    "Ingat, {imbauan}! Informasi lebih lanjut hubungi {telp}.",
    "Lowongan relawan {program} tahun {tahun} dibuka. Kirim berkas ke {opd} paling lambat {tanggal}.",
    "Prakiraan: puncak musim hujan di {daerah} diperkirakan bulan {bulan_depan}. Bersihkan saluran air di sekitar "
    "rumah.",
    "Panduan singkat {layanan}: siapkan {syarat}, datang ke {lokasi}, ambil nomor antrean, dan tunggu panggilan.",
    "Pengumuman hasil seleksi {program} dapat dilihat di {aplikasi} mulai {tanggal}.",
    "Layanan pengaduan {opd} kini juga melalui DM Instagram dan WhatsApp {telp} (jam kerja).",
]

SEREMONIAL = [
    "Turut berduka cita yang sedalam-dalamnya atas wafatnya {tokoh}. Semoga almarhum/almarhumah husnul khatimah dan "
    "keluarga diberi ketabahan.",
    "Innalillahi wa inna ilaihi raji'un. Keluarga besar {opd} turut berduka atas meninggalnya {tokoh}.",
    "Selamat dan sukses kepada {tokoh2} atas pelantikannya. Semoga amanah dalam mengemban tugas.",
    "Selamat pagi, Sahabat {kab}! Semangat mengawali pekan, mari melayani dengan sepenuh hati.",
    "Selamat hari Senin! Apel pagi jajaran {opd} hari ini dipimpin langsung oleh {pejabat}.",
    "Selamat datang {tamu} di {daerah}. Wilujeng sumping!",
    "Selamat atas diraihnya juara {juara} oleh duta {kab} pada ajang tingkat provinsi. Bangga!",
    "Selamat bertugas kepada pejabat yang baru dilantik di lingkungan Pemerintah {daerah}.",
    "Semangat pagi! Keluarga besar {opd} siap melayani masyarakat {kab} dengan senyum, sapa, dan santun.",
    "Selamat berakhir pekan, Sahabat {kab}. Jangan lupa istirahat dan tetap jaga kesehatan.",
    "Dirgahayu {lembaga}! Terus mengabdi untuk negeri.",
    "Selamat atas kelulusan para siswa-siswi di {kab}. Raih cita-citamu setinggi langit!",
    "Selamat memasuki masa purna bakti kepada {tokoh2}. Terima kasih atas pengabdiannya.",
    "Selamat menempuh hidup baru untuk rekan kami di {opd}. Semoga sakinah, mawaddah, warahmah.",
    "Selamat pagi! Jumat berkah, mari awali hari dengan senam bersama dan semangat melayani.",
    "Selamat menjalankan ibadah puasa Ramadan. Semoga amal ibadah kita diterima Allah SWT.",
]

# Greetings for specific days: kunci -> templates (slots {label}, {tahun}, {hijri}, {ke}, {opd}, {daerah}, {kab})
HARI = {
    "idul_fitri": [
        "Selamat Hari Raya Idul Fitri {hijri} H. Taqabbalallahu minna wa minkum, mohon maaf lahir dan batin. "
        "Keluarga besar {opd}.",
        "Minal aidin wal faizin, mohon maaf lahir dan batin. Selamat Idul Fitri {hijri} H dari {opd} {daerah}.",
        "Selamat Lebaran {hijri} H! Semoga kita kembali fitri dan semangat melayani masyarakat {kab}.",
        "Sugeng riyadi, wilujeng boboran siam {hijri} H. Mohon maaf lahir dan batin.",
    ],
    "ramadan": [
        "Marhaban ya Ramadhan {hijri} H. Selamat menunaikan ibadah puasa bagi umat Muslim di {kab}.",
        "Selamat menunaikan ibadah puasa Ramadan {hijri} H. Semoga penuh berkah dan ampunan.",
    ],
    "idul_adha": [
        "Selamat Hari Raya Idul Adha {hijri} H. Semoga semangat berkurban menguatkan kepedulian kita.",
        "Selamat Idul Adha {hijri} H dari keluarga besar {opd}. Mari berbagi dengan sesama.",
    ],
    "hut_ri": [
        "Dirgahayu Republik Indonesia ke-{ke}! Bersatu berdaulat, rakyat sejahtera, Indonesia maju.",
        "Selamat HUT Kemerdekaan RI ke-{ke}. Merdeka! Keluarga besar {opd} {daerah}.",
        "Dirgahayu Indonesiaku ke-{ke}. Mari isi kemerdekaan dengan kerja nyata untuk {kab}.",
    ],
    "hari_jadi": [
        "Selamat Hari Jadi {daerah} ke-{ke}! Bersama membangun {kab} yang maju dan sejahtera.",
        "Dirgahayu {daerah} ke-{ke}. Terus maju, terus melayani!",
    ],
    "natal": [
        "Selamat Hari Natal {tahun}. Semoga damai dan sukacita Natal menyertai kita semua.",
        "Selamat Natal bagi saudara-saudari umat Kristiani di {kab}. Damai di bumi, damai di hati.",
    ],
    "tahun_baru": [
        "Selamat Tahun Baru {tahun}! Semoga tahun ini membawa semangat baru untuk melayani {kab}.",
        "Selamat tinggal {tahun_lalu}, selamat datang {tahun}. Happy New Year dari {opd}!",
    ],
    "tahun_baru_islam": ["Selamat Tahun Baru Islam 1 Muharram {hijri} H. "
                         "Semoga menjadi momentum hijrah ke arah lebih baik."],
    "maulid": ["Selamat memperingati Maulid Nabi Muhammad SAW 12 Rabiul Awal {hijri} H. "
               "Semoga kita meneladani akhlak beliau."],
    "isra_miraj": ["Selamat memperingati Isra Mi'raj Nabi Muhammad SAW 27 Rajab {hijri} H."],
    "imlek": ["Selamat Tahun Baru Imlek {tahun}. Gong Xi Fa Cai, semoga sehat dan sejahtera."],
    "nyepi": ["Selamat Hari Raya Nyepi Tahun Baru Saka. Semoga damai dan harmoni selalu menyertai."],
    "waisak": ["Selamat Hari Raya Waisak {tahun}. Semoga semua makhluk hidup berbahagia."],
    "guru": ["Selamat Hari Guru Nasional {tahun}! Terima kasih, guruku, pahlawan tanpa tanda jasa.",
             "Selamat Hari Guru! Tahun ini sebanyak {n} guru di {kab} telah mengikuti pelatihan peningkatan "
             "kompetensi."],
    "hkn": ["Selamat Hari Kesehatan Nasional ke-{ke}. Sehat bersama, {kab} kuat!",
            "Selamat Hari Kesehatan Nasional! Tahun ini {n} balita di {kab} sudah mendapat imunisasi dasar lengkap."],
    "kartini": ["Selamat Hari Kartini! Perempuan hebat, perempuan berdaya untuk {kab}."],
    "pahlawan": ["Selamat Hari Pahlawan {tahun}. Pahlawanku teladanku, mari lanjutkan perjuangan."],
    "sumpah_pemuda": ["Selamat Hari Sumpah Pemuda ke-{ke}. Bersatu, bangkit, dan tumbuh!"],
    "hardiknas": ["Selamat Hari Pendidikan Nasional {tahun}. Bergerak bersama, wujudkan pendidikan bermutu."],
    "harkitnas": ["Selamat Hari Kebangkitan Nasional ke-{ke}. Bangkit bersama menuju Indonesia Emas."],
    "pancasila": ["Selamat Hari Lahir Pancasila {tahun}. Pancasila jiwa pemersatu bangsa."],
    "kesaktian": ["Selamat memperingati Hari Kesaktian Pancasila {tahun}."],
    "santri": ["Selamat Hari Santri Nasional {tahun}. Santri siaga jiwa raga!"],
    "korpri": ["Selamat HUT KORPRI ke-{ke}. ASN BerAKHLAK, bangga melayani bangsa.",
               "Selamat HUT KORPRI! Tahun ini {n} ASN {kab} telah menuntaskan pelatihan pelayanan publik."],
    "ibu": ["Selamat Hari Ibu {tahun}. Terima kasih, Ibu, atas cinta dan pengorbananmu."],
    "lingkungan": ["Selamat Hari Lingkungan Hidup Sedunia. Mari kurangi sampah plastik mulai dari rumah."],
    "anak": ["Selamat Hari Anak Nasional {tahun}. Anak terlindungi, Indonesia maju."],
    "damkar": ["Selamat Hari Pemadam Kebakaran! Pantang pulang sebelum padam."],
    "satpol": ["Selamat HUT Satpol PP ke-{ke}. Humanis, tegas, dan profesional."],
    "pers": ["Selamat Hari Pers Nasional {tahun}. Pers sehat, demokrasi bermartabat."],
}

# Any greeting day without its own templates uses these ({label}: the day's name).
UMUM_HARI = [
    "Selamat {label} {tahun}. Keluarga besar {opd} {daerah}.",
    "Selamat memperingati {label}. Semoga membawa semangat baru bagi kita semua.",
    "Selamat {label}! Mari maknai bersama dengan karya nyata untuk {kab}.",
    "Selamat memperingati {label} {tahun}. Salam hangat dari {opd}.",
    "Selamat {label}. Terus bersinergi membangun {kab}.",
]

CAMPURAN = [  # a greeting mixed with a real result (counted as ceremonial)
    "Selamat {label}! Di momen ini kami laporkan {kegiatan} di Kecamatan {kec} telah menjangkau {n} {penerima}.",
    "Selamat {label} {tahun}. Bertepatan dengan hari ini, {opd} menyerahkan {bantuan} untuk warga Desa {desa}.",
    "Selamat memperingati {label}. Sebagai wujud syukur, {opd} menggelar {kegiatan} gratis di {lokasi}.",
]

HASHTAG = ["#{kab}Maju", "#{kab}Juara", "#BanggaMelayani", "#{opd_tag}", "#PemkabHadir", "#KerjaNyata",
           "#ASNBerAKHLAK", "#InfoPublik", "#{kab}Bangkit", "#LayananPublik", "#SigapMelayani"]
EMOJI = ["🙏", "👍", "💪", "✅", "📢", "📍", "🇮🇩", "😊", "🔥", "👏", "🚧", "🌧️", "⚠️", "📅", "🤝", "❤️"]

LOKASI = ["Aula Kecamatan {kec}", "Balai Desa {desa}", "Mal Pelayanan Publik {kab}", "Alun-alun {kab}",
          "GOR {kab}", "Gedung Serbaguna Kecamatan {kec}", "Kantor {opd}", "Lapangan Desa {desa}",
          "Pendopo {daerah}", "Puskesmas {kec}"]
PEJABAT = ["Bupati {kab}", "Wakil Bupati {kab}", "Sekretaris Daerah {kab}", "Kepala {opd}", "Camat {kec}",
           "Ketua TP PKK {kab}", "Asisten Pemerintahan dan Kesra"]
TOKOH = ["Bapak H. {nama}, tokoh masyarakat Desa {desa}", "Ibu Hj. {nama}, orang tua dari rekan kerja kami",
         "Bapak {nama}, pensiunan ASN {opd}", "Bapak {nama}, Kepala Desa {desa}",
         "Ibu {nama}, kader posyandu Desa {desa}"]
TOKOH2 = ["Bapak {nama} sebagai Kepala {opd} yang baru", "Ibu {nama}", "Bapak Drs. {nama}, M.Si.",
          "Camat {kec} yang baru, Bapak {nama}"]
TAMU = ["Tim Penilai Adipura", "rombongan studi tiru dari luar daerah", "Tim Evaluasi SAKIP Provinsi",
        "Gubernur beserta rombongan", "peserta jambore daerah"]
LEMBAGA = ["Bhayangkara ke-80", "TNI ke-81", "Palang Merah Indonesia", "PKK ke-54", "Korpri", "Pramuka ke-65"]
JUARA = ["1 lomba desa", "umum MTQ", "2 festival seni", "1 lomba inovasi", "1 Porprov cabang pencak silat"]
