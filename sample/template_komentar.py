"""Comment and mention templates: informal Indonesian with slang, Javanese and Sundanese."""

from __future__ import annotations

POSITIF = [
    "Mantap, terima kasih {opd} 👍", "Alhamdulillah sudah dibenerin, makasih bgt", "Keren pelayanannya cepet",
    "Terima kasih atas kerja kerasnya", "Mantap pak, lanjutkan!", "Jalan di {desa} skrg udh mulus, makasih",
    "Semoga makin sukses {opd}", "Respon cepat, salut", "Pelayanan di kantor kecamatan {kec} ramah2, mantap",
    "Gercep bgt petugasnya, kemarin lapor hari ini langsung datang", "Salut sama petugas lapangan",
    "Akhirnya ada juga, udh lama ditunggu warga {desa}", "Bagus programnya, semoga berkelanjutan",
    "Top markotop 👍👍", "Terima kasih pemkab {kab}, sangat membantu", "Semoga berkah buat semua petugasnya",
    "Ini baru kerja nyata 💪", "Mantul min", "Sehat2 selalu para petugas", "Kerennn, lanjutkan min",
    "Saya sudah coba daftar online, gampang bgt ternyata", "Proses cuma {n} menit, cepet bgt",
    "Makasih min infonya, sangat bermanfaat", "Sangat terbantu dgn adanya program ini",
    "Puas dgn pelayanannya, gak ribet", "Dulu ngurus ginian berbulan2, skrg cepet. Mantap",
    "Kinerja nyata, bukan cuma omongan", "Luar biasa, semoga ditiru daerah lain", "Thanks infonya min",
    "Petugasnya sabar bgt ngadepin warga, salut", "Good job {opd}", "Alhamdulillah lancar semua",
    "Bangga jadi warga {kab}", "Sukses terus buat {opd}", "Semoga tepat sasaran ya, aamiin",
    "Ini yg ditunggu2 warga", "Terbaik lah pokoknya", "Semangat terus pak/bu petugas 💪",
    "Kemarin anak saya imunisasi di posyandu {desa}, pelayanannya bagus", "Keren, infonya jelas",
    "Mantap, sekarang gak perlu jauh2 ke kota", "Akhirnya lampu jalan di {desa} nyala lagi, makasih",
    "Respon admin cepet, salut 👍", "Semoga programnya sampai ke desa2 pelosok juga",
    "Makasih udh ditindaklanjuti laporannya", "Mantap, jalan ke {desa} skrg enak dilewatin",
    "Pelayanan prima 👌", "Admin nya fast respon, mantap", "Sip, sangat informatif", "Mantap min, lanjut",
    "Setuju bgt, harus didukung", "Wah keren, baru tau ada program ini", "Semoga bermanfaat buat warga",
    "Sukses selalu pemkab {kab}", "Tetap semangat melayani 👏", "Joss 👍", "Apik tenan", "Hebat!",
    "Kerja bagus tim {opd}", "Bravo!", "Mantap jiwa", "Semoga makin maju {kab} tercinta",
]

NEGATIF = [
    "Jalan di {desa} kapan dibenerin? Udh {waktu} rusak parah", "Lampu PJU di {jalan} mati udh {waktu} min",
    "Sampah di TPS {desa} numpuk gak diangkut2, bau bgt", "Kok laporan saya blm ditanggapi ya?",
    "Cuma foto2 doang, realisasinya mana?", "Drainase di {desa} mampet, tiap hujan banjir",
    "Udh lapor ke LAPOR tp gak ada tindak lanjut", "Pelayanan lambat bgt, antre dari pagi blm dipanggil",
    "Min, jalan berlubang di {jalan} bahaya bgt, udh ada yg jatoh", "Gak ada perubahan sama sekali",
    "Bansos gak tepat sasaran, yg mampu malah dapet", "KTP saya udh {waktu} blm jadi, katanya blangko kosong",
    "Petugasnya jutek, gak ramah", "Parkir liar di depan pasar bikin macet tiap hari", "Kapan ditindak?",
    "Ngomong doang, kerjanya mana", "Wkwk prestasi apanya, jalan aja masih bolong2", "Basa basi",
    "Air PDAM di {desa} mati udh {n} hari, gmn ini?", "Kenapa harus bayar padahal katanya gratis?",
    "Pohon di {jalan} udh miring mau tumbang, tolong segera ditebang sblm makan korban",
    "Ada calo di kantor {opd}, tolong ditertibkan", "Website nya error terus gak bisa diakses",
    "Udah telp call center gak diangkat2", "Min, yg dimaksud “gratis” itu beneran gratis kan?",
    "PKL jualan di trotoar, pejalan kaki jalan di aspal",
    "Sinyal wifi publik di {desa} mati terus", "Kok pilih kasih sih, desa kami gak pernah dapet",
    "Angkot ngetem sembarangan di {jalan}, tolong Dishub turun", "Banjir lagi banjir lagi di {desa} 😡",
    "Sudah {waktu} diajukan, blm ada kabar sama sekali", "Tolong jgn cuma posting ucapan, kerja nyata dong",
    "Tiap tahun dijanjiin diperbaiki, sampe skrg blm", "Mohon maaf min, ini kapan realisasinya?",
    "Suara knalpot brong tiap malem di {desa}, tolong ditertibkan", "Pungli di sekolah masih ada",
    "Limbah pabrik di sungai {desa} bikin air item dan bau", "Ada tambang pasir liar di {desa}, jalan rusak",
    "Rumah sakit penuh terus, pasien BPJS dipersulit", "Antrian puskesmas {kec} lama bgt",
    "Gaji honorer telat mulu", "Zonasi PPDB gak adil, anak saya gak keterima padahal deket",
    "Mantap, jalannya mulus... di brosur doang 🙃", "Keren bgt, bolongnya makin gede wkwk",
    "Selamat ya, jalan di {desa} dapet rekor lubang terbanyak", "Hebat, laporan dibales template doang",
    "Cepet bgt responnya, cuma {waktu} 🙃", "Udah biasa, viral dulu baru gerak",
    "Percuma lapor, gak bakal ditanggepin", "Kok yg diperbaiki jalan yg udh bagus? yg rusak dibiarin",
    "Lampu merah di simpang {kec} mati, semrawut", "Tolong dicek proyek di {desa}, kualitasnya jelek bgt",
    "Baru sebulan udh rusak lagi, kualitas proyeknya gmn sih", "Kerja bakti terus, anggarannya kemana?",
    "Admin nya gak pernah bales DM", "Bikin KK aja dipingpong kesana kemari", "Ribet bgt birokrasinya",
    "Kenapa pelayanan tutup padahal masih jam kerja?", "Petugas dateng cuma foto terus pergi",
    "Min tolong jalan di {jalan} diaspal ulang, tiap hujan jadi kolam", "Gak ada sosialisasi sama sekali",
    "Blm merata min, desa kami msh gelap", "Sampah dibuang ke sungai terus, gak ada tindakan",
    "Harga beras naik terus pak, gmn ini", "Pupuk langka, petani susah", "Pasar becek kotor gak keurus",
    "Lowongan kerja cuma buat orang dalem", "Antre KTP harus dateng subuh, gak manusiawi",
    "Udh {n} kali lapor masalah yg sama", "Katanya “segera ditindaklanjuti”, tp sampe skrg blm ada",
    "Jawabannya selalu “sedang diproses” 🙄", "“Kami sudah turun ke lokasi” katanya, mana buktinya?",
    "Jembatan di {desa} udh miring, nunggu ambruk baru diperbaiki?",
]

NETRAL = [
    "Min, syaratnya apa aja ya?", "Jadwalnya kapan lagi min?", "Kalo hari Sabtu buka gak?",
    "Bisa diwakilkan gak min?", "Daftarnya dimana ya?", "Untuk warga {kec} kapan jadwalnya?",
    "Ini gratis kan min?", "Link pendaftarannya mana min?", "Kalo KTP hilang gmn caranya min?",
    "Bisa online gak?", "Jam berapa tutupnya?", "Lokasinya sebelah mana ya?", "Kuotanya masih ada min?",
    "Kalau domisili beda bisa daftar?", "Min, nomor WA pengaduannya berapa?", "Ada info lowongan gak min?",
    "Berapa lama prosesnya min?", "Apakah harus bawa fotokopi?", "Desa {desa} kapan dapet giliran?",
    "Mau tanya, kalo udh daftar tp blm dapet notif gmn?", "Bayarnya dimana ya min?",
    "Min, cara cek status pengajuan gmn?", "Pak, kalo lansia bisa didatangi ke rumah?",
    "Persyaratan untuk pindah domisili apa aja min?", "Ini berlaku untuk semua kecamatan?",
    "Kalo telat daftar masih bisa?", "Ada biaya administrasi gak?", "Min info jadwal posyandu {desa} dong",
    "Kapan dibuka lagi pendaftarannya?", "Tempatnya di gedung mana ya min?", "Bisa minta kontaknya?",
    "Min, ini untuk umum atau khusus?", "Kalau NIK belum terdaftar gimana?", "Apakah bisa via WA?",
    "Ada versi PDF nya min?", "Bulan depan ada lagi gak?", "Min, ada grup WA informasinya?",
    "Kalo e-KTP rusak harus ke kantor dukcapil atau bisa di kecamatan?", "Maaf mau tanya, ini sampai kapan?",
    "Info dong min, kalau mau ngajuin bantuan RTLH caranya gmn?", "Untuk anak sekolah ada juga?",
    "Itu lokasinya di {desa} sebelah mana?", "Min, apa bisa tanpa surat pengantar RT?", "Ikut nyimak min",
    "Wah baru tau, makasih. Btw daftarnya dmn?", "Bisa diambil orang lain gak dokumennya?",
    "Kenapa statusnya masih diproses terus ya?", "Sudah bisa pakai IKD belum min?",
    "Nomor antriannya gmn ngambilnya?", "Apakah ada layanan malam?", "Boleh bawa anak kecil gak?",
    "Nanya min, ini sama dengan program tahun lalu?", "Buat yg kerja gimana min, bisa hari libur?",
    "Min kalau mau konsultasi bisa langsung datang?", "Apa bedanya sama yang kemarin min?",
    "Kapan diumumkan hasilnya?", "Ada kuota khusus disabilitas gak?", "Tolong info jalur alternatifnya min",
    "Di kecamatan {kec} ada juga gak min?", "Min, kalo beda kabupaten bisa?", "Ini jam berapa mulainya?",
    "Berkasnya dikirim kemana ya?", "Kalau ditolak bisa ngajuin lagi?", "Tanya dong, ada biaya parkir gak?",
    "Masih buka gak min pendaftarannya?", "Min, itu foto dimana?", "Yg bisa dapet siapa aja min?",
]

SALAM = [
    "Aamiin ya Allah 🤲", "Aamiin", "Siap!", "Siap laksanakan 👍", "Semangat!", "Hadir min 🙋", "Sehat selalu semuanya",
    "Aamiin aamiin ya rabbal alamin", "Terima kasih, sama-sama", "Selamat pagi juga min ☀️", "Siap mendukung 💪",
    "Selamat bertugas pak", "Mantap, selamat ya", "Selamat dan sukses 👏", "Amin 🙏🙏", "Salam sehat",
    "Hadir dari {desa} 🙋‍♂️", "Nyimak", "Semangat pagi!", "Jaya selalu {kab}", "Berkah selalu", "Sip", "👍👍👍",
    "🙏🙏", "❤️", "Salam dari warga {kec}", "Amiin semoga lancar", "Semoga {kab} makin maju", "Salam kenal min",
    "Hadir 🙏", "Like dan share 👍", "Semoga amanah", "Barakallah", "Keren min 👍", "Lanjutkan!", "Mantap 🔥",
]

# Replies under a holiday greeting; {hari} becomes the day's name.
HARI = [
    "Selamat {hari} juga min 🙏", "Sama-sama, selamat {hari}", "Selamat {hari}, semoga berkah untuk kita semua",
    "Met {hari} semuanya", "Selamat {hari} 🙏🙏", "Selamat {hari} untuk keluarga besar pemkab", "Wilujeng {hari}",
    "Sugeng {hari}", "Selamat {hari}, sehat selalu", "Selamat memperingati {hari} 🇮🇩", "{hari}, semoga makin maju",
    "Aamiin, selamat {hari} juga", "Selamat {hari} dari warga {kec}", "Happy {hari} min",
]

JAWA = [
    "Matur nuwun sanget, pelayanane apik", "Kok durung didandani to, dalan neng {desa} rusak tenan",
    "Piye iki, sampah durung diangkut", "Mantep, lanjutke", "Ora ono perubahan blas", "Suwun infone min",
    "Kapan ndang didandani?", "Wis {waktu} ora ono tindak lanjut", "Nggih matur nuwun",
    "Apik tenan programe", "Piye carane daftar min?", "Aja mung foto-foto thok",
    "Sugeng riyadi, sedaya lepat nyuwun pangapunten", "Dalane bolong-bolong, mbok ya diaspal",
    "Wah joss tenan", "Lampune mati, peteng ndedet", "Sing sabar yo, ngantri suwe", "Mugi lancar sedaya",
    "Kok ora dibales to min?", "Rame tenan antrine", "Matur suwun pak petugas", "Banyune mati meneh",
    "Ojo mung janji, buktine ndi?", "Alhamdulillah wis dibenerke, suwun", "Sampun daftar tapi durung ono kabar",
    "Nyuwun sewu, syarate nopo mawon?", "Ayo bareng-bareng njaga kebersihan", "Mantul, ra sah adoh-adoh",
    "Piye kabare laporanku min?", "Tambah apik wae {kab}",
]

SUNDA = [
    "Hatur nuhun pisan, pelayananna sae", "Kumaha ieu, jalan di {desa} teu acan dilereskeun",
    "Mangga atuh dilereskeun", "Sae pisan programna", "Teu acan aya tindak lanjut dugi ka ayeuna",
    "Hatur nuhun infona min", "Kumaha carana daptar min?", "Sampah teu diangkut-angkut, bau pisan",
    "Mantap pisan, lanjutkeun", "Lampu jalan pareum tos {waktu}", "Punten min, syaratna naon wae?",
    "Wilujeng boboran siam, sadaya kalepatan hapunten", "Alhamdulillah tos dilereskeun, hatur nuhun",
    "Ulah ngan ukur poto-poto wae", "Caina pareum deui di {desa}", "Aya calo di kantor, punten ditertibkeun",
    "Sok atuh geura dilereskeun sateuacan aya korban", "Mugia lancar sadayana", "Saé, gancang pisan",
    "Tos daptar tapi teu acan aya wartosna", "Jalan ka {desa} ruksak parah", "Sing sehat salawasna",
    "Kumaha damang min?", "Punten, iraha jadwalna di {kec}?", "Hatur nuhun bapa petugas",
    "Kapan atuh diaspal deui?", "Mangga dukung program pamarentah", "Teu acan merata, desa abdi teu kenging",
    "Asa lami pisan prosesna", "Nuhun pisan kang",
]

MENTION = [
    "{akun} tolong jalan di {jalan} udh rusak parah", "{akun} lampu PJU di {desa} mati min",
    "{akun} sampah numpuk di pinggir jalan {desa}", "Halo {akun}, kapan ada pelayanan keliling di {kec}?",
    "{akun} min ini banjir lagi di {desa} 😭", "Cc {akun} tolong ditindak parkir liar di {jalan}",
    "{akun} gimana kelanjutan laporan saya?", "Terima kasih {akun} sudah gercep 👍",
    "{akun} pohon tumbang di {jalan}, nutup jalan", "Mohon perhatian {akun}, drainase mampet di {desa}",
    "{akun} ada pungli di loket pelayanan", "{akun} tolong cek air PDAM di {desa}, udh {n} hari mati",
    "Kerja bagus {akun}! Jalan di {desa} udh mulus", "{akun} antre dari subuh blm dilayani",
    "{akun} kapan jadwal vaksin di {kec}?", "Min {akun} tolong info jadwal posyandu",
    "{akun} ada PKL jualan di trotoar {jalan}", "{akun} knalpot brong tiap malem di {desa}, ganggu bgt",
    "{akun} jembatan di {desa} retak, bahaya", "{akun} ada ular masuk rumah di {desa}, tolong",
    "{akun} tolong ditertibkan angkot ngetem di {jalan}", "{akun} mantap pelayanan hari ini 👍",
    "{akun} kok website nya down?", "Lapor {akun}: lampu merah simpang {kec} mati",
    "{akun} bansos di {desa} gak tepat sasaran", "{akun} rumah warga di {desa} kebakaran, butuh bantuan",
    "{akun} hatur nuhun tos gancang", "{akun} matur nuwun respon cepete", "Viralkan! {akun} jalan {jalan} rusak",
    "{akun} tolong ditindak tambang liar di {desa}", "{akun} blangko KTP kapan ada lagi?",
    "Selamat {akun} atas penghargaannya 👏", "{akun} min, limbah di sungai {desa} bau bgt",
    "{akun} ini udh {waktu} blm ada perbaikan", "{akun} kapan dibuka pendaftaran lagi?",
    "Infonya dong {akun}, ada pemadaman air gak hari ini?", "{akun} taman di {kec} gak keurus",
    "{akun} tolong respon DM saya", "Nitip laporan {akun}: selokan {desa} mampet",
    "{akun} anak saya gak keterima PPDB padahal rumah deket sekolah",
]

BALASAN_ADMIN = [
    "Terima kasih atas informasinya, Kak. Laporan sudah kami teruskan ke petugas lapangan 🙏",
    "Halo Kak, mohon kirimkan titik lokasi lengkapnya melalui DM ya agar segera kami tindak lanjuti.",
    "Terima kasih, Kak. Syaratnya bisa dilihat pada gambar kedua ya 😊",
    "Mohon maaf atas ketidaknyamanannya. Saat ini sedang dalam proses penanganan.",
    "Halo Kak, silakan sampaikan aduan melalui SP4N-LAPOR! atau aplikasi SIGAP agar tercatat resmi ya.",
    "Sama-sama, Kak. Terima kasih atas dukungannya 🙏", "Aamiin, terima kasih Kak.",
    "Siap Kak, akan kami sampaikan kepada pimpinan.",
    "Jadwal untuk Kecamatan {kec} menyusul ya Kak, pantau terus akun kami.",
    "Layanan ini gratis, tidak dipungut biaya ya Kak.", "Bisa diwakilkan dengan membawa surat kuasa ya Kak.",
    "Terima kasih, Kak. Tim kami sudah turun ke lokasi pagi ini.",
    "Mohon ditunggu ya Kak, perbaikan dijadwalkan pekan depan.",
    "Halo Kak, untuk informasi lebih lanjut silakan hubungi WhatsApp layanan kami di jam kerja.",
    "Terima kasih atas masukannya, menjadi bahan evaluasi kami.", "Sudah kami koordinasikan dengan pihak terkait, Kak.",
    "Pendaftaran bisa melalui tautan di bio ya Kak.", "Hatur nuhun, Kak. Mangga diantos.",
    "Matur nuwun, Kak. Sampun kami teruskan.", "Mohon maaf Kak, untuk saat ini kuota sudah penuh.",
    "Betul Kak, bisa online melalui aplikasi.", "Halo Kak, laporan Kakak sudah selesai ditindaklanjuti ya 🙏",
    "Baik Kak, kami cek dulu ya.", "Silakan datang langsung ke kantor kami pada jam kerja, Kak.",
    "Info selengkapnya ada di highlight ya Kak 😊", "Terima kasih sudah mengingatkan, Kak.",
]

BALASAN_WARGA = [
    "Iya bener bgt", "Setuju", "Sama di desa saya juga gitu", "Wkwk bener", "Sabar kak, lagi diproses katanya",
    "Coba lapor lewat LAPOR aja kak", "Udah kak, tp blm ada respon", "Di {desa} juga sama", "Bener min",
    "Kemarin saya udh, cepet kok", "Coba DM aja kak, biasanya dibales", "Emang gitu dari dulu",
    "Iya, syaratnya cuma KTP sama KK", "Hadeuh", "Nah ini", "Betul pisan", "Leres", "Ho oh", "Iya kak, gratis",
    "Jalan ke {desa} juga parah kak",
]

JALAN = ["Jl. Raya {kec}", "Jl. Siliwangi", "Jl. Pahlawan", "Jl. Ahmad Yani", "Jl. Pasar {kec}",
         "Jl. Sudirman", "Jl. Desa {desa}", "Jl. Cagak {kec}", "jalan lingkar {kec}", "Jl. Merdeka",
         "Jl. Terminal", "gang depan masjid {desa}"]
WAKTU = ["2 minggu", "sebulan", "3 bulan", "setahun", "5 hari", "berbulan-bulan", "2 tahun", "seminggu"]
EMOJI = ["🙏", "👍", "😡", "😭", "🙄", "😂", "🤣", "💪", "🔥", "😊", "👏", "🤲", "😤", "🥲", "‼️"]
SAPA = ["Min, ", "Pak, ", "Kak ", "Bu, ", "Punten, ", "Maaf min, ", "Assalamualaikum, ", "Permisi, "]
