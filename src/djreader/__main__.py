from djreader.cli import main

raise SystemExit(main())
