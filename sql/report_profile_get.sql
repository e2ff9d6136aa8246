SELECT kop, logo, place, lke_version, channels FROM unit_profiles WHERE unit_id = ?1;
