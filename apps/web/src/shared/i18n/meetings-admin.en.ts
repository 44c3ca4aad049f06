import type { meetingsAdminFr } from './meetings-admin.fr';

/** English messages of the organizers' meetings pages: every key of the French part, checked by the type. */
export const meetingsAdminEn: Record<keyof typeof meetingsAdminFr, string> = {
  'meetingsAdmin.section.title': 'Meetings',
  'meetingsAdmin.section.description':
    'Prepare, publish and run the meetings of the spaces: registrations, codes at the door, attendance and minutes.',
  'meetingsAdmin.manageLink': 'Manage the meetings',
  'meetingsAdmin.index.title': 'Meetings of the spaces',
  'meetingsAdmin.index.intro':
    'Each “Meetings” component of the spaces you administer, with its meetings.',
  'meetingsAdmin.index.none':
    'None of your spaces has a “Meetings” component. Add one from the space’s page.',
  'meetingsAdmin.breadcrumb': 'Breadcrumb',
  'meetingsAdmin.component': 'Meetings',
  'meetingsAdmin.component.title': 'Meetings: {name}',
  'meetingsAdmin.new': 'New meeting',
  'meetingsAdmin.publicList': 'See the meetings on the site',
  'meetingsAdmin.settings': 'Component settings (registration without an account, online link…)',
  'meetingsAdmin.drafts': 'Drafts',
  'meetingsAdmin.drafts.none': 'No drafts.',
  'meetingsAdmin.upcoming': 'Upcoming',
  'meetingsAdmin.upcoming.none': 'No upcoming meetings.',
  'meetingsAdmin.past': 'Past',
  'meetingsAdmin.past.none': 'No past meetings.',
  'meetingsAdmin.table.meeting': 'Meeting',
  'meetingsAdmin.table.state': 'State',
  'meetingsAdmin.table.when': 'Date',
  'meetingsAdmin.table.seats': 'Seats',
  'meetingsAdmin.table.waiting': 'Waiting',
  'meetingsAdmin.table.actions': 'Actions',
  'meetingsAdmin.state.draft': 'Draft',
  'meetingsAdmin.state.published': 'Published',
  'meetingsAdmin.state.cancelled': 'Cancelled',
  'meetingsAdmin.state.withdrawn': 'Withdrawn',
  'meetingsAdmin.state.closed': 'Minutes published',
  'meetingsAdmin.private': 'Private',
  'meetingsAdmin.type.in_person': 'In person',
  'meetingsAdmin.type.online': 'Online',
  'meetingsAdmin.type.hybrid': 'Hybrid (in person and online)',
  'meetingsAdmin.service.childcare': 'Childcare',
  'meetingsAdmin.service.sign_language': 'Sign language interpreting',
  'meetingsAdmin.service.accessible_venue': 'Wheelchair-accessible venue',
  'meetingsAdmin.service.interpretation': 'Interpreting into other languages',
  'meetingsAdmin.service.hearing_loop': 'Hearing loop',
  'meetingsAdmin.seats.none': 'No registration',
  'meetingsAdmin.seats.of': '{taken} / {capacity} seats taken',
  'meetingsAdmin.seats.unlimited': '{taken} registered, no seat limit',
  'meetingsAdmin.seats.waiting_one': '{count} person on the waiting list',
  'meetingsAdmin.seats.waiting_other': '{count} people on the waiting list',
  'meetingsAdmin.manage': 'Manage',
  'meetingsAdmin.edit': 'Edit',
  'meetingsAdmin.registrations': 'Registrations',
  'meetingsAdmin.editTitle': 'Edit “{title}”',
  'meetingsAdmin.yes': 'Yes',
  'meetingsAdmin.no': 'No',

  'meetingsAdmin.form.draftFirst':
    'The meeting is saved as a draft: only its organizers see it until you publish it.',
  'meetingsAdmin.form.registrantsTold':
    'This meeting is published: registrants will be told of the changes (date, place, link, agenda, services, registrations).',
  'meetingsAdmin.form.about': 'The meeting',
  'meetingsAdmin.form.title': 'Title',
  'meetingsAdmin.form.description': 'Description',
  'meetingsAdmin.form.descriptionHint':
    'What it is about, who it is for, what to prepare. Optional.',
  'meetingsAdmin.form.type': 'Format of the meeting',
  'meetingsAdmin.form.when': 'Date and time',
  'meetingsAdmin.form.startsAt': 'Start',
  'meetingsAdmin.form.endsAt': 'End',
  'meetingsAdmin.form.timeHint':
    'Local time in the zone chosen below, for example 15/01/2027 18:30.',
  'meetingsAdmin.form.timeZone': 'Time zone',
  'meetingsAdmin.form.timeZoneHint':
    'The zone of the meeting’s place; participants see the time in this zone.',
  'meetingsAdmin.form.place': 'Place',
  'meetingsAdmin.form.address': 'Address',
  'meetingsAdmin.form.addressHint':
    'Required in person and hybrid, for example 12 rue de la République, 69002 Lyon.',
  'meetingsAdmin.form.locationHints': 'Directions to the room',
  'meetingsAdmin.form.locationHintsHint': 'Floor, room, entrance… Optional.',
  'meetingsAdmin.form.coordinates': 'Position on a map',
  'meetingsAdmin.form.coordinatesHint':
    'Optional: latitude and longitude in decimal degrees (for example 45.764 and 4.8357), both or neither.',
  'meetingsAdmin.form.latitude': 'Latitude',
  'meetingsAdmin.form.longitude': 'Longitude',
  'meetingsAdmin.form.online': 'Online',
  'meetingsAdmin.form.onlineUrl': 'Video call link',
  'meetingsAdmin.form.onlineUrlHint':
    'For an online or hybrid meeting; an address starting with https://.',
  'meetingsAdmin.form.onlineVisibility': 'Who sees the link',
  'meetingsAdmin.form.onlineVisibility.registered': 'Registered people only',
  'meetingsAdmin.form.onlineVisibility.all': 'Everyone',
  'meetingsAdmin.form.shownBefore': 'Link shown … minutes before the start',
  'meetingsAdmin.form.shownBeforeHint':
    'From 0 to 10,080 (a week). Empty: the component’s setting.',
  'meetingsAdmin.form.agenda': 'Agenda',
  'meetingsAdmin.form.agendaHint':
    'One item per row, in order, with its length in minutes. Rows left empty are ignored; save to get more.',
  'meetingsAdmin.agenda.row': 'Agenda item {n}',
  'meetingsAdmin.agenda.title.fr': 'Title in French',
  'meetingsAdmin.agenda.title.en': 'Title in English',
  'meetingsAdmin.agenda.description.fr': 'Details in French (optional)',
  'meetingsAdmin.agenda.description.en': 'Details in English (optional)',
  'meetingsAdmin.agenda.more': 'More rows ({count})',
  'meetingsAdmin.agenda.duration': 'Length in minutes',
  'meetingsAdmin.form.servicesAndAccess': 'Services and access',
  'meetingsAdmin.form.services': 'Services offered to participants',
  'meetingsAdmin.form.access': 'Access',
  'meetingsAdmin.form.private': 'Private meeting',
  'meetingsAdmin.form.privateHint': 'By invitation: only the organizers register participants.',
  'meetingsAdmin.form.transparent': 'Transparent',
  'meetingsAdmin.form.transparentHint':
    'A private meeting is then still shown to everyone, even though only the people invited take part.',
  'meetingsAdmin.form.registrations': 'Registrations',
  'meetingsAdmin.form.registrationsEnabled': 'Open registrations',
  'meetingsAdmin.form.capacity': 'Number of seats',
  'meetingsAdmin.form.capacityHint': 'Empty: no limit.',
  'meetingsAdmin.form.reservedSeats': 'Reserved seats',
  'meetingsAdmin.form.reservedSeatsHint':
    'Kept aside by the organizers (councillors, speakers…), not offered on the site.',
  'meetingsAdmin.form.waitingList': 'Waiting list when the meeting is full',
  'meetingsAdmin.form.waitingListHint':
    'A seat that comes free goes to the first person waiting, who is told.',
  'meetingsAdmin.form.terms': 'Registration terms',
  'meetingsAdmin.form.termsHint':
    'Optional: people must accept them to register (for example, to appear on the attendance sheet).',
  'meetingsAdmin.form.photos': 'Photos',
  'meetingsAdmin.photo.row': 'Photo {n}',
  'meetingsAdmin.photo.url': 'Address of the image',
  'meetingsAdmin.photo.hint':
    'An address starting with https:// and what the photo shows, for people who cannot see it. Empty rows are ignored.',
  'meetingsAdmin.photo.alt.fr': 'What it shows, in French',
  'meetingsAdmin.photo.alt.en': 'What it shows, in English',
  'meetingsAdmin.form.create': 'Save the draft',
  'meetingsAdmin.form.save': 'Save the changes',

  'meetingsAdmin.manage.when': 'When: {when}',
  'meetingsAdmin.publicPage': 'See the public page',
  'meetingsAdmin.preview': 'See the page as it will be published',
  'meetingsAdmin.cancelled': 'Meeting cancelled on {date}.',
  'meetingsAdmin.withdrawn': 'Meeting withdrawn on {date}.',
  'meetingsAdmin.publish.title': 'Publish',
  'meetingsAdmin.publish.intro':
    'The meeting will appear on the site and, if they are open, registrations will start.',
  'meetingsAdmin.publish.button': 'Publish the meeting',
  'meetingsAdmin.publish.ask': 'Publish the meeting “{title}”?',
  'meetingsAdmin.publish.askWhat':
    'It will be shown on the site, in the agenda and the calendars, and registrations will open if you enabled them.',
  'meetingsAdmin.publish.askFinal':
    'a published meeting does not become a draft again and can no longer be deleted; you can still edit, cancel or withdraw it.',
  'meetingsAdmin.delete.title': 'Delete the draft',
  'meetingsAdmin.delete.intro': 'The draft and everything in it are erased.',
  'meetingsAdmin.delete.button': 'Delete the draft',
  'meetingsAdmin.delete.ask': 'Delete the draft “{title}”?',
  'meetingsAdmin.delete.askWhat': 'The draft and everything in it will be erased.',
  'meetingsAdmin.delete.askFinal': 'a deleted draft cannot be recovered.',
  'meetingsAdmin.cancel.title': 'Cancel the meeting',
  'meetingsAdmin.cancel.intro':
    'The meeting will not take place: it stays shown as cancelled, its registrations end and every registrant gets a message with your explanation.',
  'meetingsAdmin.cancel.reason': 'Why the meeting is cancelled',
  'meetingsAdmin.cancel.reasonHint':
    'Sent to registrants and shown on the meeting’s page; in one language at least.',
  'meetingsAdmin.cancel.button': 'Cancel the meeting',
  'meetingsAdmin.cancel.ask': 'Cancel the meeting “{title}”?',
  'meetingsAdmin.cancel.askWhat':
    'It will stay shown as cancelled with your explanation, and its registrations will end.',
  'meetingsAdmin.cancel.askFinal':
    'a cancelled meeting can no longer be edited or reopened, and registrations are not restored.',
  'meetingsAdmin.withdraw.title': 'Withdraw the meeting',
  'meetingsAdmin.withdraw.intro':
    'For a meeting published by mistake: it is taken off the site, its registrations end and registrants are told.',
  'meetingsAdmin.withdraw.reason': 'Why the meeting is withdrawn (optional)',
  'meetingsAdmin.withdraw.reasonHint': 'Sent to registrants.',
  'meetingsAdmin.withdraw.button': 'Withdraw the meeting',
  'meetingsAdmin.withdraw.ask': 'Withdraw the meeting “{title}”?',
  'meetingsAdmin.withdraw.askWhat': 'It will be withdrawn and its registrations will end.',
  'meetingsAdmin.withdraw.askFinal':
    'a withdrawn meeting can no longer be edited or published again, and registrations are not restored.',
  'meetingsAdmin.confirm.registrants_one': '{count} registered person will be told.',
  'meetingsAdmin.confirm.registrants_other': '{count} registered people will be told.',
  'meetingsAdmin.minutes.title': 'Close the meeting with its minutes',
  'meetingsAdmin.minutes.editTitle': 'Minutes',
  'meetingsAdmin.minutes.notYet':
    'You can publish the minutes once the meeting has started ({when}).',
  'meetingsAdmin.minutes.closedAt': 'Minutes published on {date}.',
  'meetingsAdmin.minutes.counts': '{attendees} participant(s), {contributions} contribution(s).',
  'meetingsAdmin.minutes.proposalCount_one': '{count} linked proposal.',
  'meetingsAdmin.minutes.proposalCount_other': '{count} linked proposals.',
  'meetingsAdmin.minutes.text': 'Minutes',
  'meetingsAdmin.minutes.textHint':
    'What was said and decided; in one language at least. Published on the meeting’s page.',
  'meetingsAdmin.minutes.attendees': 'Number of participants',
  'meetingsAdmin.minutes.attendeesHint': 'Suggested from the attendance recorded.',
  'meetingsAdmin.minutes.contributions': 'Number of contributions',
  'meetingsAdmin.minutes.contributionsHint': 'Speeches, ideas, opinions gathered.',
  'meetingsAdmin.minutes.organizations': 'Organizations present',
  'meetingsAdmin.minutes.organizationsHint':
    'Associations, neighbourhood councils… as you name them.',
  'meetingsAdmin.minutes.audio': 'Audio recording',
  'meetingsAdmin.minutes.video': 'Video recording',
  'meetingsAdmin.minutes.mediaHint': 'Optional; an address starting with https://.',
  'meetingsAdmin.minutes.proposals': 'Proposals',
  'meetingsAdmin.minutes.proposalsHint':
    'One per line: the address of the proposal’s page, or its identifier.',
  'meetingsAdmin.minutes.born': 'Born in the meeting',
  'meetingsAdmin.minutes.linked': 'Linked to the meeting',
  'meetingsAdmin.minutes.photosHint': 'They replace the meeting’s photos.',
  'meetingsAdmin.minutes.close': 'Publish the minutes and close the meeting',
  'meetingsAdmin.minutes.save': 'Save the minutes',

  'meetingsAdmin.registrations.title': 'Registrations: {title}',
  'meetingsAdmin.registrations.counts': 'In figures',
  'meetingsAdmin.counts.seats':
    '{taken} seat(s) taken of {capacity} ({reserved} reserved, {left} free)',
  'meetingsAdmin.counts.seatsUnlimited': '{taken} seat(s) taken, no limit',
  'meetingsAdmin.counts.attended_one': '{count} person present',
  'meetingsAdmin.counts.attended_other': '{count} people present',
  'meetingsAdmin.registrations.list': 'Registrants',
  'meetingsAdmin.registrations.csv': 'Download the list (CSV)',
  'meetingsAdmin.registrations.none': 'Nobody has registered yet.',
  'meetingsAdmin.registrations.endedShown':
    'Cancelled or expired registrations are listed last, for the record.',
  'meetingsAdmin.table.name': 'Name',
  'meetingsAdmin.table.email': 'Email (without an account)',
  'meetingsAdmin.table.account': 'Account',
  'meetingsAdmin.table.status': 'Status',
  'meetingsAdmin.table.code': 'Code',
  'meetingsAdmin.table.position': 'Waiting rank',
  'meetingsAdmin.table.registeredAt': 'Registered on',
  'meetingsAdmin.table.attended': 'Attendance',
  'meetingsAdmin.registration.confirmed': 'Registered',
  'meetingsAdmin.registration.waiting': 'On the waiting list',
  'meetingsAdmin.registration.pending': 'Address to confirm',
  'meetingsAdmin.registration.cancelled': 'Cancelled',
  'meetingsAdmin.registration.expired': 'Expired',
  'meetingsAdmin.attendance.presentAt': 'Present ({when})',
  'meetingsAdmin.attendance.absent': 'Absent',
  'meetingsAdmin.attendance.markPresent': 'Mark present',
  'meetingsAdmin.attendance.markAbsent': 'Mark absent',
  'meetingsAdmin.door.title': 'Check a code at the door',
  'meetingsAdmin.door.code': 'The person’s code',
  'meetingsAdmin.door.codeHint': 'The 8 letters and digits of their registration message.',
  'meetingsAdmin.door.check': 'Check',
  'meetingsAdmin.door.welcome': 'Valid code: {name} is registered. Their attendance is recorded.',
  'meetingsAdmin.door.already':
    'Already present: {name} was recorded at the door on {when}. This code may have been given to someone else.',
  'meetingsAdmin.door.unknown': 'Unknown code: {code}',
  'meetingsAdmin.door.unknownHelp':
    'Check what was typed. People on the waiting list, whose address is not confirmed or whose registration was cancelled have no valid code.',
  'meetingsAdmin.door.someone': 'This person',
  'meetingsAdmin.invite.title': 'Register someone',
  'meetingsAdmin.invite.intro':
    'For someone who registers with you (by phone, at the desk): they get their code by email.',
  'meetingsAdmin.invite.introPrivate':
    'The meeting is private: this is how you invite someone. They get their code by email.',
  'meetingsAdmin.invite.name': 'Name',
  'meetingsAdmin.invite.email': 'Email address',
  'meetingsAdmin.invite.button': 'Register this person',

  'meetingsAdmin.done.created':
    'The draft is saved. Publish it when it is ready: until then, only the organizers see it.',
  'meetingsAdmin.done.saved': 'The changes are saved.',
  'meetingsAdmin.done.published': 'The meeting is published.',
  'meetingsAdmin.done.deleted': 'The draft is deleted.',
  'meetingsAdmin.done.cancelled': 'The meeting is cancelled; registrants are told.',
  'meetingsAdmin.done.withdrawn': 'The meeting is withdrawn; registrants are told.',
  'meetingsAdmin.done.closed': 'The minutes are published.',
  'meetingsAdmin.done.attendance': 'The attendance is recorded.',
  'meetingsAdmin.done.invited': 'The person is registered; their code is sent to them by email.',

  'meetingsAdmin.error.title': 'Give the meeting a title, in French or in English.',
  'meetingsAdmin.error.tooLong': 'Enter at most {max} characters.',
  'meetingsAdmin.error.type': 'Choose the format of the meeting.',
  'meetingsAdmin.error.startsAt': 'Give the date and time of the start.',
  'meetingsAdmin.error.endsAt': 'Give the date and time of the end.',
  'meetingsAdmin.error.endBeforeStart': 'The end must come after the start.',
  'meetingsAdmin.error.timeZone': 'Choose a time zone from the list.',
  'meetingsAdmin.error.address':
    'Give the address: participants come to the place (in person or hybrid meeting).',
  'meetingsAdmin.error.coordinate': 'Enter a number from {min} to {max}, for example 45.764.',
  'meetingsAdmin.error.coordinatePair': 'Give both the latitude and the longitude, or neither.',
  'meetingsAdmin.error.https':
    'Enter an address starting with https://, for example https://video.example.org/workshop.',
  'meetingsAdmin.error.choice': 'Choose among the options offered.',
  'meetingsAdmin.error.between': 'Enter a whole number from {min} to {max}.',
  'meetingsAdmin.error.agendaTitle': 'Give this agenda item a title, or empty the row.',
  'meetingsAdmin.error.duration': 'Give the length in minutes, from 1 to {max}.',
  'meetingsAdmin.error.reservedOverCapacity':
    'Reserved seats cannot exceed the number of seats ({capacity}).',
  'meetingsAdmin.error.photoAlt': 'Describe what the photo shows, in French or in English.',
  'meetingsAdmin.error.reason':
    'Explain why, in French or in English: registrants will receive this message.',
  'meetingsAdmin.error.minutes': 'Write the minutes, in French or in English.',
  'meetingsAdmin.error.proposalLine':
    'Line {line}: give the address of a proposal’s page, or its identifier.',
  'meetingsAdmin.error.tooManyProposals': 'Link at most 500 proposals.',
  'meetingsAdmin.error.code': 'Enter the code, 4 to 20 letters and digits.',
  'meetingsAdmin.error.inviteName': 'Give the person’s name.',
  'meetingsAdmin.error.email': 'Enter a valid email address, for example name@example.org.',
  'meetingsAdmin.error.notAllowed':
    'Only the organizers of this meeting (the administrators of its space) may do this; nothing was saved.',
  'meetingsAdmin.error.calledOff':
    'This meeting was cancelled or withdrawn: it can no longer be edited; nothing was saved.',
  'meetingsAdmin.error.notDraft':
    'Only a draft can be published or deleted; nothing was done. Reload the page to see the meeting’s state.',
  'meetingsAdmin.error.notPublished':
    'Only a published meeting can be closed with its minutes; nothing was saved.',
  'meetingsAdmin.error.publishAddress':
    'Add the meeting’s address (the “Edit” form) before publishing it: participants come to the place.',
  'meetingsAdmin.error.noSeat':
    'This registration holds no seat (any more): its attendance cannot be recorded.',
  'meetingsAdmin.wrongState.draft':
    'This meeting is still a draft: publish it or delete it; nothing was saved.',
  'meetingsAdmin.wrongState.published':
    'This meeting is published: it can no longer be deleted, but you can cancel or withdraw it.',
  'meetingsAdmin.wrongState.cancelled': 'This meeting was cancelled: nothing was saved.',
  'meetingsAdmin.wrongState.withdrawn': 'This meeting was withdrawn: nothing was saved.',
  'meetingsAdmin.wrongState.closed':
    'This meeting took place and its minutes are published: it can no longer be cancelled or withdrawn.',
  'meetingsAdmin.wrongState.NOT_STARTED':
    'The meeting has not started yet: you can close it with its minutes once it has taken place.',
  'meetingsAdmin.refusal.NOT_PUBLISHED':
    'The meeting is not published yet: publish it before registering anyone.',
  'meetingsAdmin.refusal.CANCELLED': 'The meeting will not take place: nobody can register.',
  'meetingsAdmin.refusal.REGISTRATIONS_CLOSED':
    'Registrations are closed: open them in the meeting’s form to register someone.',
  'meetingsAdmin.refusal.STARTED': 'The meeting has started: registrations are closed.',
  'meetingsAdmin.refusal.FULL':
    'The meeting is full and has no waiting list: add seats to register someone.',
};
